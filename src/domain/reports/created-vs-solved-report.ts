/**
 * Tickets created and solved per day, week (Monday first) or month of the period, in the
 * tenant's time zone; every bucket present, zeros included. The daily rollup (migration 030)
 * gives local days; without it, the database groups the tickets by local day within each
 * stretch of constant UTC offset (report-period.ts). Days fold into weeks and months here.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../shared/context.ts';
import { openReport, type ReportQuery } from './open-report.ts';
import { periodDays, type ReportPeriod } from './report-period.ts';
import { countRollupPerDay } from './report-rollup.repo.ts';
import { inScope, localDay, type ReportScope } from './report-scope.ts';

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export interface CreatedVsSolved { interval: Interval; series: Array<{ date: string; created: number; solved: number }> }

export async function createdVsSolvedReport(ctx: Ctx, q: ReportQuery & { interval: Interval }, now?: Date): Promise<CreatedVsSolved> {
  const { scope, period, rollup } = await openReport(ctx, q, now);
  const [created, solved] = rollup ? await perDayFromRollup(ctx.db, ctx.tenantId, scope, period) : await Promise.all([
    countPerDay(ctx.db, ctx.tenantId, scope, period, 'tickets.created_at'),
    countPerDay(ctx.db, ctx.tenantId, scope, period, 'tickets.resolved_at'),
  ]);
  const buckets = new Map<string, { date: string; created: number; solved: number }>();
  for (const day of periodDays(period)) {
    const key = bucketOf(day, q.interval, period.from);
    const b = buckets.get(key) ?? { date: key, created: 0, solved: 0 };
    b.created += created.get(day) ?? 0;
    b.solved += solved.get(day) ?? 0;
    buckets.set(key, b);
  }
  return { interval: q.interval, series: [...buckets.values()] };
}

/** The first day of the bucket a day falls in, clipped to the period's first day. */
export function bucketOf(day: string, interval: Interval, from: string): string {
  let start = day;
  if (interval === 'month') start = `${day.slice(0, 7)}-01`;
  if (interval === 'week') {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    start = d.toISOString().slice(0, 10);
  }
  return start < from ? from : start;
}

/** Created and solved per local day, from the daily rollup (migration 030). */
async function perDayFromRollup(db: Db, tenantId: string, scope: ReportScope, p: ReportPeriod): Promise<[Map<string, number>, Map<string, number>]> {
  const rows = await countRollupPerDay(db, tenantId, scope, { from: p.from, to: p.to });
  return [new Map(rows.map((r) => [r.day, r.created])), new Map(rows.map((r) => [r.day, r.solved]))];
}

async function countPerDay(db: Db, tenantId: string, scope: ReportScope, p: ReportPeriod, column: 'tickets.created_at' | 'tickets.resolved_at'): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const seg of p.segments) {
    const rows = await db.selectFrom('tickets')
      .select([localDay(scope.dialect, column, seg.offsetMinutes).as('day'), sql<number>`COUNT(*)`.as('n')])
      .where('tickets.tenant_id', '=', tenantId).where(column, '>=', seg.start).where(column, '<', seg.end)
      .where(inScope(scope)).groupBy('day').execute();
    for (const r of rows) out.set(r.day, (out.get(r.day) ?? 0) + Number(r.n));
  }
  return out;
}
