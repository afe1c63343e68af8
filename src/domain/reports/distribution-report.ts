/**
 * Tickets created in the period, counted by one of their fields (GET
 * /tickets/api/reports/distribution/). `key` is what the ticket list filters take (a status,
 * a department id, a user id, a tag name…), null for "none"; `label` is for people.
 */
import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { openReport, type ReportQuery } from './open-report.ts';
import { inScope } from './report-scope.ts';

export const DISTRIBUTIONS = ['status', 'priority', 'department', 'channel', 'agent', 'category', 'tag'] as const;
export type DistributionBy = (typeof DISTRIBUTIONS)[number];

export interface DistributionRow { key: string | null; label: string; count: number }
export interface Distribution { by: DistributionBy; rows: DistributionRow[] }

const NONE_LABEL: Record<DistributionBy, string> = {
  status: 'None', priority: 'None', department: 'None', channel: 'None', agent: 'Unassigned', category: 'No category', tag: 'No tag',
};

/** "on_hold" → "On hold". */
const humanize = (v: string) => v.charAt(0).toUpperCase() + v.slice(1).replace(/_/g, ' ');

export async function distributionReport(ctx: Ctx, q: ReportQuery & { by: DistributionBy }, now?: Date): Promise<Distribution> {
  const { scope, period } = await openReport(ctx, q, now);
  const base = ctx.db.selectFrom('tickets')
    .where('tickets.tenant_id', '=', ctx.tenantId).where('tickets.created_at', '>=', period.start).where('tickets.created_at', '<', period.end)
    .where(inScope(scope));
  let rows: Array<{ key: string | number | null; label: string | null; n: number | string }>;
  if (q.by === 'department') {
    rows = await base.innerJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'tickets.tenant_id').onRef('d.id', '=', 'tickets.department_id'))
      .select(['tickets.department_id as key', 'd.name as label', sql<number>`COUNT(*)`.as('n')]).groupBy(['tickets.department_id', 'd.name']).execute();
  } else if (q.by === 'agent') {
    rows = await base.leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'tickets.tenant_id').onRef('u.id', '=', 'tickets.assignee_id'))
      .select(['tickets.assignee_id as key', 'u.name as label', sql<number>`COUNT(*)`.as('n')]).groupBy(['tickets.assignee_id', 'u.name']).execute();
  } else if (q.by === 'tag') {
    rows = await base
      .leftJoin('ticket_tags as tt', (j) => j.onRef('tt.tenant_id', '=', 'tickets.tenant_id').onRef('tt.ticket_id', '=', 'tickets.id'))
      .leftJoin('tags as tg', (j) => j.onRef('tg.tenant_id', '=', 'tt.tenant_id').onRef('tg.id', '=', 'tt.tag_id'))
      .select(['tg.name as key', 'tg.name as label', sql<number>`COUNT(*)`.as('n')]).groupBy('tg.name').execute();
  } else {
    const column = `tickets.${q.by}` as const;
    rows = await base.select([`${column} as key`, sql<null>`NULL`.as('label'), sql<number>`COUNT(*)`.as('n')]).groupBy(column).execute();
  }
  const out = rows.map((r) => {
    const key = r.key === null ? null : String(r.key);
    const label = r.label ?? (q.by === 'category' ? key : key && humanize(key));
    return { key, label: key === null ? NONE_LABEL[q.by] : label ?? key, count: Number(r.n) };
  });
  out.sort((a, b) => b.count - a.count || String(a.label).localeCompare(String(b.label)));
  return { by: q.by, rows: out };
}
