/**
 * Figures per agent over the period (GET /tickets/api/reports/agents/): tickets created in
 * the period now assigned to them, tickets they solved, their median first-response and
 * resolution times, and their CSAT. From the daily rollup (migration 030) when it is kept in
 * the report's zone, else one grouped query per figure on the tickets; never a query per agent.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../shared/context.ts';
import { csatBy } from './csat.ts';
import { openReport, type ReportQuery } from './open-report.ts';
import { percentilesBy } from './percentiles.ts';
import type { ReportPeriod } from './report-period.ts';
import { inScope, type ReportScope } from './report-scope.ts';
import { histogramPercentiles } from './duration-histogram.ts';
import { rollupFigures } from './rollup-figures.ts';
import { firstResponseValues, resolutionValues } from './summary-report.ts';

export interface AgentRow {
  agent_id: string; name: string; email: string; assigned: number; solved: number;
  first_response_median_minutes: number | null; resolution_median_minutes: number | null; csat_score: number | null;
}

export async function agentsReport(ctx: Ctx, q: ReportQuery, now?: Date): Promise<{ rows: AgentRow[] }> {
  const { scope, period: p, rollup } = await openReport(ctx, q, now);
  const db = ctx.db;
  const t = ctx.tenantId;
  let staff = db.selectFrom('users').select(['id', 'name', 'email'])
    .where('tenant_id', '=', t).where('role', 'in', ['admin', 'agent']).where('is_active', '=', true).orderBy('name').orderBy('id');
  if (q.agentId !== undefined) staff = staff.where('id', '=', q.agentId);
  const [people, figures, csat] = await Promise.all([
    staff.execute(),
    rollup ? fromRollup(db, t, scope, p) : fromTickets(db, t, scope, p),
    csatBy(db, t, scope, p, 'agent'),
  ]);
  return {
    rows: people.map((u) => {
      const f = figures.get(u.id);
      return {
        agent_id: u.id, name: u.name, email: u.email, assigned: f?.assigned ?? 0, solved: f?.solved ?? 0,
        first_response_median_minutes: f?.firstResponseMedian ?? null, resolution_median_minutes: f?.resolutionMedian ?? null,
        csat_score: csat.get(u.id)?.score ?? null,
      };
    }),
  };
}

interface AgentFigures { assigned: number; solved: number; firstResponseMedian: number | null; resolutionMedian: number | null }

/** From the daily rollup: one read of the period's rows, grouped by assignee here. */
async function fromRollup(db: Db, t: string, scope: ReportScope, p: ReportPeriod): Promise<Map<string, AgentFigures>> {
  const out = new Map<string, AgentFigures>();
  for (const [agent, f] of await rollupFigures(db, t, scope, p, 'assignee')) {
    if (agent === '') continue;
    out.set(agent, {
      assigned: f.created, solved: f.solved,
      firstResponseMedian: histogramPercentiles(f.firstResponse).median, resolutionMedian: histogramPercentiles(f.resolution).median,
    });
  }
  return out;
}

/** From the tickets (exact medians), when the rollup is not in the report's zone. */
async function fromTickets(db: Db, t: string, scope: ReportScope, p: ReportPeriod): Promise<Map<string, AgentFigures>> {
  const countBy = (column: 'tickets.created_at' | 'tickets.resolved_at') => db.selectFrom('tickets')
    .select(['tickets.assignee_id as g', sql<number>`COUNT(*)`.as('n')])
    .where('tickets.tenant_id', '=', t).where(column, '>=', p.start).where(column, '<', p.end)
    .where('tickets.assignee_id', 'is not', null).where(inScope(scope)).groupBy('tickets.assignee_id').execute();
  const [assigned, solved, firstResponse, resolution] = await Promise.all([
    countBy('tickets.created_at'),
    countBy('tickets.resolved_at'),
    percentilesBy(db, firstResponseValues(db, t, scope, p, sql.ref('tickets.assignee_id')).where('tickets.assignee_id', 'is not', null)),
    percentilesBy(db, resolutionValues(db, t, scope, p, sql.ref('tickets.assignee_id')).where('tickets.assignee_id', 'is not', null)),
  ]);
  const out = new Map<string, AgentFigures>();
  const entry = (id: string) => {
    let f = out.get(id);
    if (!f) out.set(id, f = { assigned: 0, solved: 0, firstResponseMedian: null, resolutionMedian: null });
    return f;
  };
  for (const r of assigned) entry(String(r.g)).assigned = Number(r.n);
  for (const r of solved) entry(String(r.g)).solved = Number(r.n);
  for (const [id, v] of firstResponse) entry(id).firstResponseMedian = v.median;
  for (const [id, v] of resolution) entry(id).resolutionMedian = v.median;
  return out;
}
