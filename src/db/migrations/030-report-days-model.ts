/**
 * Migration 030's shared parts: the histogram's bucket ratio, the SQL each engine writes
 * differently, and the rebuild of one tenant's rollup from its tickets (the backfill, and
 * what runs when the tenant's report time zone changes).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { storeZoneOffsets } from './030-report-days-zone.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

/**
 * Durations are counted in buckets 2% wide: bucket 0 holds everything under a second, bucket
 * b ≥ 1 the durations in [1.02^(b-1), 1.02^b) seconds. Each bucket keeps its count and the sum
 * of its durations in ms, so a percentile read from it (the bucket's mean) is exact when the
 * bucket holds one distinct value and within 2% of the true value otherwise.
 */
export const BUCKET_RATIO = 1.02;
export const BUCKET_LN = '0.019802627296179730'; // ln(1.02), written out so both engines divide by the same number

/** What differs between the engines, as SQL text over column references. */
export interface RollupSql {
  /** The local day ("YYYY-MM-DD") of an instant in the tenant's report zone (report_day_offsets). */
  day(tenant: string, at: string): string;
  /** Whole milliseconds from one instant to another. */
  ms(from: string, to: string): string;
  /** The histogram bucket of a duration in ms. */
  bucket(ms: string): string;
  /** A JSON object {key: value} aggregated over rows, ignoring null keys. */
  jsonAgg(key: string, value: string): string;
  emptyJson: string;
  /** What an INSERT … SELECT needs before ON CONFLICT (SQLite's parsing rule). */
  upsertWhere: string;
}

/**
 * Recomputes a tenant's rollup from its tickets, in the tenant's current report zone. Run
 * inside a transaction: on PostgreSQL the tickets are locked against writes meanwhile, so
 * no trigger counts a ticket with the old offsets after they are replaced.
 */
export async function rebuildTenantRollup(db: Db, dialect: Dialect, x: RollupSql, tenantId: string, timeZone: string): Promise<void> {
  if (dialect === 'postgres') await sql`LOCK TABLE tickets IN SHARE MODE`.execute(db);
  await storeZoneOffsets(db, tenantId, timeZone);
  await db.deleteFrom('report_days').where('tenant_id', '=', tenantId).execute();
  await db.deleteFrom('report_day_dims').where('tenant_id', '=', tenantId).execute();
  await db.deleteFrom('report_months').where('tenant_id', '=', tenantId).execute();
  const tenant = `'${tenantId.replace(/'/g, "''")}'`; // a literal: the statements are raw SQL
  const breached = 'CASE WHEN first_response_breached_at IS NOT NULL OR resolution_breached_at IS NOT NULL THEN 1 ELSE 0 END';
  await sql`DROP TABLE IF EXISTS report_facts`.execute(db);
  await sql.raw(`CREATE TEMP TABLE report_facts AS
    SELECT id, department_id AS dep, COALESCE(assignee_id, '') AS a, status, priority, channel, COALESCE(category, '') AS category,
      ${x.day('tickets.tenant_id', 'tickets.created_at')} AS cday,
      CASE WHEN first_response_at IS NULL THEN NULL ELSE ${x.ms('created_at', 'first_response_at')} END AS fms,
      CASE WHEN resolved_at IS NULL THEN NULL ELSE ${x.day('tickets.tenant_id', 'tickets.resolved_at')} END AS sday,
      CASE WHEN resolved_at IS NULL THEN NULL ELSE ${x.ms('created_at', 'resolved_at')} END AS rms,
      ${breached} AS br
    FROM tickets WHERE tenant_id = ${tenant}`).execute(db);
  const dims = [['status', 'status'], ['priority', 'priority'], ['channel', 'channel'], ['category', 'category']]
    .map(([name, col]) => `SELECT ${tenant}, cday, dep, a, 0, '${name}', ${col}, COUNT(*) FROM report_facts GROUP BY cday, dep, a, ${col}`);
  await sql.raw(`INSERT INTO report_day_dims (tenant_id, day, department_id, assignee_id, shard, dim, value, count) ${dims.join(' UNION ALL ')}`).execute(db);
  await sql.raw(`INSERT INTO report_day_dims (tenant_id, day, department_id, assignee_id, shard, dim, value, count)
    SELECT ${tenant}, f.cday, f.dep, f.a, 0, 'tag', CAST(tt.tag_id AS TEXT), COUNT(*)
    FROM report_facts f JOIN ticket_tags tt ON tt.tenant_id = ${tenant} AND tt.ticket_id = f.id GROUP BY f.cday, f.dep, f.a, tt.tag_id
    UNION ALL
    SELECT ${tenant}, f.cday, f.dep, f.a, 0, 'tagged', '', COUNT(*)
    FROM report_facts f WHERE EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.tenant_id = ${tenant} AND tt.ticket_id = f.id) GROUP BY f.cday, f.dep, f.a`).execute(db);
  await sql.raw(`INSERT INTO report_days (tenant_id, day, department_id, assignee_id, shard, created, solved, breached, fr_n, fr_s, res_n, res_s)
    SELECT ${tenant}, cday, dep, a, 0, SUM(n), 0, 0, ${json(x, 'n')}, ${json(x, 's')}, ${x.emptyJson}, ${x.emptyJson}
    FROM (SELECT cday, dep, a, CASE WHEN fms IS NULL THEN NULL ELSE ${x.bucket('fms')} END AS b, COUNT(*) AS n, SUM(fms) AS s
      FROM report_facts GROUP BY cday, dep, a, CASE WHEN fms IS NULL THEN NULL ELSE ${x.bucket('fms')} END) g
    GROUP BY cday, dep, a`).execute(db);
  await sql.raw(`INSERT INTO report_days (tenant_id, day, department_id, assignee_id, shard, created, solved, breached, fr_n, fr_s, res_n, res_s)
    SELECT ${tenant}, sday, dep, a, 0, 0, SUM(n), SUM(br), ${x.emptyJson}, ${x.emptyJson}, ${json(x, 'n')}, ${json(x, 's')}
    FROM (SELECT sday, dep, a, ${x.bucket('rms')} AS b, COUNT(*) AS n, SUM(rms) AS s, SUM(br) AS br
      FROM report_facts WHERE sday IS NOT NULL GROUP BY sday, dep, a, ${x.bucket('rms')}) g
    ${x.upsertWhere} GROUP BY sday, dep, a
    ON CONFLICT (tenant_id, day, department_id, assignee_id, shard) DO UPDATE SET
      solved = excluded.solved, breached = excluded.breached, res_n = excluded.res_n, res_s = excluded.res_s`).execute(db);
  await sql.raw(`INSERT INTO report_months (tenant_id, month, department_id, assignee_id, shard, fr_n, fr_s, res_n, res_s)
    SELECT ${tenant}, mon, dep, a, 0, ${json(x, 'n')}, ${json(x, 's')}, ${x.emptyJson}, ${x.emptyJson}
    FROM (SELECT substr(cday, 1, 7) AS mon, dep, a, ${x.bucket('fms')} AS b, COUNT(*) AS n, SUM(fms) AS s
      FROM report_facts WHERE fms IS NOT NULL GROUP BY substr(cday, 1, 7), dep, a, ${x.bucket('fms')}) g
    GROUP BY mon, dep, a`).execute(db);
  await sql.raw(`INSERT INTO report_months (tenant_id, month, department_id, assignee_id, shard, fr_n, fr_s, res_n, res_s)
    SELECT ${tenant}, mon, dep, a, 0, ${x.emptyJson}, ${x.emptyJson}, ${json(x, 'n')}, ${json(x, 's')}
    FROM (SELECT substr(sday, 1, 7) AS mon, dep, a, ${x.bucket('rms')} AS b, COUNT(*) AS n, SUM(rms) AS s
      FROM report_facts WHERE sday IS NOT NULL GROUP BY substr(sday, 1, 7), dep, a, ${x.bucket('rms')}) g
    ${x.upsertWhere} GROUP BY mon, dep, a
    ON CONFLICT (tenant_id, month, department_id, assignee_id, shard) DO UPDATE SET res_n = excluded.res_n, res_s = excluded.res_s`).execute(db);
  await sql`DROP TABLE report_facts`.execute(db);
  if (dialect === 'postgres') await sql`ANALYZE report_days, report_day_dims, report_months`.execute(db);
}

const json = (x: RollupSql, column: 'n' | 's') => `COALESCE(${x.jsonAgg('b', column)}, ${x.emptyJson})`;
