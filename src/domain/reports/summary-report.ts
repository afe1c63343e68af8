/**
 * The summary report (GET /tickets/api/reports/summary/): volumes, response and resolution
 * times, SLA compliance, CSAT and the backlog's age, over one period (docs/reports.md): from
 * the daily rollup (migration 030) when it is kept in the report's zone, else from the tickets.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../shared/context.ts';
import { ACTIVE_STATUSES } from '../tickets/ticket-values.ts';
import { openReport, type ReportQuery } from './open-report.ts';
import { NO_PERCENTILES, percentilesBy, type Percentiles } from './percentiles.ts';
import type { ReportPeriod } from './report-period.ts';
import { inScope, minutesBetween, type ReportScope } from './report-scope.ts';
import { csatBy, type Csat } from './csat.ts';
import { histogramPercentiles } from './duration-histogram.ts';
import { rollupFigures } from './rollup-figures.ts';

export const BACKLOG_BUCKETS = [['<1d', 1], ['1-3d', 3], ['3-7d', 7], ['7-30d', 30], ['>30d', Infinity]] as const;
export type BacklogBucket = (typeof BACKLOG_BUCKETS)[number][0];

export interface SummaryReport {
  period: { from: string; to: string };
  created: number; solved: number;
  first_response_minutes: Percentiles; resolution_minutes: Percentiles;
  sla: { met: number; breached: number; compliance: number | null };
  csat: Csat;
  backlog_age: Array<{ bucket: BacklogBucket; count: number }>;
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

export async function summaryReport(ctx: Ctx, q: ReportQuery, now = new Date()): Promise<SummaryReport> {
  const { scope, period, rollup } = await openReport(ctx, q, now);
  const db = ctx.db;
  const [figures, csat, backlog] = await Promise.all([
    rollup ? fromRollup(db, ctx.tenantId, scope, period) : fromTickets(db, ctx.tenantId, scope, period),
    csatBy(db, ctx.tenantId, scope, period, 'all'),
    backlogAge(db, ctx.tenantId, scope, now),
  ]);
  const { created, solved, breached } = figures;
  return {
    period: { from: period.from, to: period.to },
    created, solved,
    first_response_minutes: figures.firstResponse, resolution_minutes: figures.resolution,
    sla: { met: solved - breached, breached, compliance: ratio(solved - breached, solved) },
    csat: csat.get('all') ?? { ratings: 0, positive: 0, score: null, average: null },
    backlog_age: backlog,
  };
}

interface PeriodFigures { created: number; solved: number; breached: number; firstResponse: Percentiles; resolution: Percentiles }

/** From the daily rollup: exact counts, percentiles from histograms (duration-histogram.ts). */
async function fromRollup(db: Db, tenantId: string, scope: ReportScope, p: ReportPeriod): Promise<PeriodFigures> {
  const f = (await rollupFigures(db, tenantId, scope, p, 'all')).get('all');
  return {
    created: f?.created ?? 0, solved: f?.solved ?? 0, breached: f?.breached ?? 0,
    firstResponse: histogramPercentiles(f?.firstResponse), resolution: histogramPercentiles(f?.resolution),
  };
}

/** From the tickets themselves (exact percentiles), when the rollup is not in the report's zone. */
async function fromTickets(db: Db, tenantId: string, scope: ReportScope, p: ReportPeriod): Promise<PeriodFigures> {
  const [created, solved, firstResponse, resolution] = await Promise.all([
    countCreated(db, tenantId, scope, p),
    solvedAndSla(db, tenantId, scope, p),
    percentilesBy(db, firstResponseValues(db, tenantId, scope, p, sql.lit(0))),
    percentilesBy(db, resolutionValues(db, tenantId, scope, p, sql.lit(0))),
  ]);
  return {
    created, solved: solved.solved, breached: solved.breached,
    firstResponse: firstResponse.get('0') ?? NO_PERCENTILES, resolution: resolution.get('0') ?? NO_PERCENTILES,
  };
}

async function countCreated(db: Db, tenantId: string, scope: ReportScope, p: ReportPeriod): Promise<number> {
  const r = await db.selectFrom('tickets').select(sql<number>`COUNT(*)`.as('n'))
    .where('tickets.tenant_id', '=', tenantId).where('tickets.created_at', '>=', p.start).where('tickets.created_at', '<', p.end)
    .where(inScope(scope)).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function solvedAndSla(db: Db, tenantId: string, scope: ReportScope, p: ReportPeriod) {
  const r = await db.selectFrom('tickets')
    .select([
      sql<number>`COUNT(*)`.as('solved'),
      sql<number>`COALESCE(SUM(CASE WHEN tickets.first_response_breached_at IS NOT NULL OR tickets.resolution_breached_at IS NOT NULL THEN 1 ELSE 0 END), 0)`.as('breached'),
    ])
    .where('tickets.tenant_id', '=', tenantId).where('tickets.resolved_at', '>=', p.start).where('tickets.resolved_at', '<', p.end)
    .where(inScope(scope)).executeTakeFirstOrThrow();
  return { solved: Number(r.solved), breached: Number(r.breached) };
}

/** Minutes to first response of tickets created in the period (g: the group key). */
export function firstResponseValues(db: Db, tenantId: string, scope: ReportScope, p: ReportPeriod, g: ReturnType<typeof sql.ref> | ReturnType<typeof sql.lit>) {
  return db.selectFrom('tickets')
    .select([sql`${g}`.as('g'), minutesBetween(scope.dialect, 'tickets.created_at', 'tickets.first_response_at').as('v')])
    .where('tickets.tenant_id', '=', tenantId).where('tickets.created_at', '>=', p.start).where('tickets.created_at', '<', p.end)
    .where('tickets.first_response_at', 'is not', null).where(inScope(scope));
}

/** Minutes to resolution of tickets solved in the period (g: the group key). */
export function resolutionValues(db: Db, tenantId: string, scope: ReportScope, p: ReportPeriod, g: ReturnType<typeof sql.ref> | ReturnType<typeof sql.lit>) {
  return db.selectFrom('tickets')
    .select([sql`${g}`.as('g'), minutesBetween(scope.dialect, 'tickets.created_at', 'tickets.resolved_at').as('v')])
    .where('tickets.tenant_id', '=', tenantId).where('tickets.resolved_at', '>=', p.start).where('tickets.resolved_at', '<', p.end)
    .where(inScope(scope));
}

/** Active tickets now, by age; every bucket present. */
async function backlogAge(db: Db, tenantId: string, scope: ReportScope, now: Date): Promise<SummaryReport['backlog_age']> {
  const day = 86_400_000;
  const edges = BACKLOG_BUCKETS.slice(0, -1).map(([, d]) => new Date(now.getTime() - d * day).toISOString());
  // Newest first: a ticket created after the edge of `<1d` is younger than a day, and so on.
  const cases = edges.map((edge, i) => sql`WHEN tickets.created_at > ${edge} THEN ${sql.lit(i)}`);
  const rows = await db.selectFrom('tickets')
    .select([sql<number>`CASE ${sql.join(cases, sql` `)} ELSE ${sql.lit(edges.length)} END`.as('b'), sql<number>`COUNT(*)`.as('n')])
    .where('tickets.tenant_id', '=', tenantId).where('tickets.status', 'in', [...ACTIVE_STATUSES])
    .where(inScope(scope)).groupBy('b').execute();
  const counts = new Map(rows.map((r) => [Number(r.b), Number(r.n)]));
  return BACKLOG_BUCKETS.map(([bucket], i) => ({ bucket, count: counts.get(i) ?? 0 }));
}
