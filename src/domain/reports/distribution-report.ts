/**
 * Tickets created in the period, counted by one of their fields (GET
 * /tickets/api/reports/distribution/). `key` is what the ticket list filters take (a status,
 * a department id, a user id, a tag name…), null for "none"; `label` is for people.
 */
import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { openReport, type ReportQuery } from './open-report.ts';
import type { ReportPeriod } from './report-period.ts';
import { countRollupCreatedBy, countRollupCreatedByDim } from './report-rollup.repo.ts';
import { inScope, type ReportScope } from './report-scope.ts';

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
  const { scope, period, rollup } = await openReport(ctx, q, now);
  const rows = rollup ? await fromRollup(ctx, q.by, scope, period) : await fromTickets(ctx, q.by, scope, period);
  const out = rows.map((r) => {
    const key = r.key === null ? null : String(r.key);
    const label = r.label ?? (q.by === 'category' ? key : key && humanize(key));
    return { key, label: key === null ? NONE_LABEL[q.by] : label ?? key, count: Number(r.n) };
  });
  out.sort((a, b) => b.count - a.count || String(a.label).localeCompare(String(b.label)));
  return { by: q.by, rows: out };
}

type Counted = { key: string | number | null; label: string | null; n: number | string };

/**
 * From the daily rollup: counts per value, then the labels of the departments and agents
 * counted. '' in the rollup stands for "none" (no assignee, no category).
 */
async function fromRollup(ctx: Ctx, by: DistributionBy, scope: ReportScope, p: ReportPeriod): Promise<Counted[]> {
  const days = { from: p.from, to: p.to };
  if (by === 'tag') return tagsFromRollup(ctx, scope, days);
  if (by === 'department') {
    const [counts, departments] = await Promise.all([
      countRollupCreatedBy(ctx.db, ctx.tenantId, scope, days, 'department_id'),
      ctx.db.selectFrom('departments').select(['id', 'name']).where('tenant_id', '=', ctx.tenantId).execute(),
    ]);
    const names = new Map(departments.map((d) => [String(d.id), d.name]));
    return counts.filter((c) => c.n !== 0 && names.has(c.key)).map((c) => ({ key: c.key, label: names.get(c.key)!, n: c.n }));
  }
  if (by === 'agent') {
    const counts = (await countRollupCreatedBy(ctx.db, ctx.tenantId, scope, days, 'assignee_id')).filter((c) => c.n !== 0);
    const ids = counts.map((c) => c.key).filter((k) => k !== '');
    const users = ids.length ? await ctx.db.selectFrom('users').select(['id', 'name']).where('tenant_id', '=', ctx.tenantId).where('id', 'in', ids).execute() : [];
    const names = new Map(users.map((u) => [u.id, u.name]));
    return counts.map((c) => ({ key: c.key === '' ? null : c.key, label: names.get(c.key) ?? null, n: c.n }));
  }
  const counts = await countRollupCreatedByDim(ctx.db, ctx.tenantId, scope, days, by);
  return counts.filter((c) => c.n !== 0).map((c) => ({ key: c.value === '' ? null : c.value, label: null, n: c.n }));
}

/** Tickets per tag (by tag id in the rollup, named now), and under "no tag" those created untagged: created − tagged. */
async function tagsFromRollup(ctx: Ctx, scope: ReportScope, days: { from: string; to: string }): Promise<Counted[]> {
  const [perTag, tagged, created, tags] = await Promise.all([
    countRollupCreatedByDim(ctx.db, ctx.tenantId, scope, days, 'tag'),
    countRollupCreatedByDim(ctx.db, ctx.tenantId, scope, days, 'tagged'),
    countRollupCreatedBy(ctx.db, ctx.tenantId, scope, days, 'department_id'),
    ctx.db.selectFrom('tags').select(['id', 'name']).where('tenant_id', '=', ctx.tenantId).execute(),
  ]);
  const names = new Map(tags.map((t) => [String(t.id), t.name]));
  const untagged = created.reduce((n, c) => n + c.n, 0) - tagged.reduce((n, c) => n + c.n, 0);
  const rows: Counted[] = perTag.filter((c) => c.n !== 0 && names.has(c.value)).map((c) => ({ key: names.get(c.value)!, label: names.get(c.value)!, n: c.n }));
  return untagged > 0 ? [...rows, { key: null, label: null, n: untagged }] : rows;
}

/** From the tickets, when the rollup is not in the report's zone. */
async function fromTickets(ctx: Ctx, by: DistributionBy, scope: ReportScope, period: ReportPeriod): Promise<Counted[]> {
  const q = { by };
  const base = ctx.db.selectFrom('tickets')
    .where('tickets.tenant_id', '=', ctx.tenantId).where('tickets.created_at', '>=', period.start).where('tickets.created_at', '<', period.end)
    .where(inScope(scope));
  let rows: Counted[];
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
  return rows;
}
