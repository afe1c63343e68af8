/**
 * CSAT over a period, from `satisfaction_ratings` (migration 025): ratings given in the period
 * of tickets the actor may see; the department and agent filters apply to the department and
 * assignee recorded with the rating (as at resolution), so a later transfer moves nothing.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { ReportPeriod } from './report-period.ts';
import { inScope, type ReportScope } from './report-scope.ts';

export interface Csat { ratings: number; positive: number; score: number | null; average: number | null }

/** CSAT in one group ('all') or per rated agent (keyed by agent id). */
export async function csatBy(db: Db, tenantId: string, scope: ReportScope, p: ReportPeriod, by: 'all' | 'agent'): Promise<Map<string, Csat>> {
  const { departmentId, agentId } = scope.filters;
  let q = db.selectFrom('satisfaction_ratings as r')
    .innerJoin('tickets', (j) => j.onRef('tickets.tenant_id', '=', 'r.tenant_id').onRef('tickets.id', '=', 'r.ticket_id'))
    .select([
      by === 'agent' ? 'r.agent_id as g' : sql<string>`'all'`.as('g'),
      sql<number>`COUNT(*)`.as('ratings'),
      sql<number>`SUM(CASE WHEN r.positive THEN 1 ELSE 0 END)`.as('positive'),
      sql<number>`AVG(r.rating)`.as('average'),
    ])
    .where('r.tenant_id', '=', tenantId).where('r.created_at', '>=', p.start).where('r.created_at', '<', p.end)
    .where(inScope(scope, false));
  if (departmentId !== undefined) q = q.where('r.department_id', '=', departmentId);
  if (agentId !== undefined) q = q.where('r.agent_id', '=', agentId);
  if (by === 'agent') q = q.where('r.agent_id', 'is not', null).groupBy('r.agent_id');
  const rows = await q.execute();
  const out = new Map<string, Csat>();
  for (const r of rows) {
    const ratings = Number(r.ratings);
    if (ratings === 0) continue;
    const positive = Number(r.positive);
    out.set(String(r.g), {
      ratings, positive,
      score: Math.round((positive / ratings) * 10_000) / 10_000,
      average: Math.round(Number(r.average) * 100) / 100,
    });
  }
  return out;
}
