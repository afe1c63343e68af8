/**
 * Figures per agent over the period (GET /tickets/api/reports/agents/): tickets created in
 * the period now assigned to them, tickets they solved, their median first-response and
 * resolution times, and their CSAT. One grouped query per figure, whatever the number of agents.
 */
import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { csatBy } from './csat.ts';
import { openReport, type ReportQuery } from './open-report.ts';
import { percentilesBy } from './percentiles.ts';
import { inScope } from './report-scope.ts';
import { firstResponseValues, resolutionValues } from './summary-report.ts';

export interface AgentRow {
  agent_id: string; name: string; email: string; assigned: number; solved: number;
  first_response_median_minutes: number | null; resolution_median_minutes: number | null; csat_score: number | null;
}

export async function agentsReport(ctx: Ctx, q: ReportQuery, now?: Date): Promise<{ rows: AgentRow[] }> {
  const { scope, period: p } = await openReport(ctx, q, now);
  const db = ctx.db;
  const t = ctx.tenantId;
  const countBy = (column: 'tickets.created_at' | 'tickets.resolved_at') => db.selectFrom('tickets')
    .select(['tickets.assignee_id as g', sql<number>`COUNT(*)`.as('n')])
    .where('tickets.tenant_id', '=', t).where(column, '>=', p.start).where(column, '<', p.end)
    .where('tickets.assignee_id', 'is not', null).where(inScope(scope)).groupBy('tickets.assignee_id').execute();
  let staff = db.selectFrom('users').select(['id', 'name', 'email'])
    .where('tenant_id', '=', t).where('role', 'in', ['admin', 'agent']).where('is_active', '=', true).orderBy('name').orderBy('id');
  if (q.agentId !== undefined) staff = staff.where('id', '=', q.agentId);
  const [people, assigned, solved, firstResponse, resolution, csat] = await Promise.all([
    staff.execute(),
    countBy('tickets.created_at'),
    countBy('tickets.resolved_at'),
    percentilesBy(db, firstResponseValues(db, t, scope, p, sql.ref('tickets.assignee_id')).where('tickets.assignee_id', 'is not', null)),
    percentilesBy(db, resolutionValues(db, t, scope, p, sql.ref('tickets.assignee_id')).where('tickets.assignee_id', 'is not', null)),
    csatBy(db, t, scope, p, 'agent'),
  ]);
  const assignedBy = new Map(assigned.map((r) => [String(r.g), Number(r.n)]));
  const solvedBy = new Map(solved.map((r) => [String(r.g), Number(r.n)]));
  return {
    rows: people.map((u) => ({
      agent_id: u.id, name: u.name, email: u.email,
      assigned: assignedBy.get(u.id) ?? 0, solved: solvedBy.get(u.id) ?? 0,
      first_response_median_minutes: firstResponse.get(u.id)?.median ?? null,
      resolution_median_minutes: resolution.get(u.id)?.median ?? null,
      csat_score: csat.get(u.id)?.score ?? null,
    })),
  };
}
