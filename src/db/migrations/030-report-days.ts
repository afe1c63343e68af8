/**
 * The reports' daily rollup (issue 12: a year report in ≤ 2 s at 1M tickets; docs/reports.md).
 * Kept by database triggers on `tickets`, like migration 028's counters, so every write path
 * (commands, bulk updates, mail, jobs, the CLI, a manual SQL fix) keeps it right.
 *
 * - `report_days`: per tenant, local day, department, assignee ('' for none) and shard: the
 *   tickets created that day (as they are now: their department and assignee) with their
 *   first-response histogram, and the tickets solved that day (resolved_at) with how many
 *   breached an SLA and their resolution histogram. A histogram is two JSON objects keyed by
 *   bucket (030-report-days-model.ts): the count and the sum of durations in ms.
 * - `report_day_dims`: the tickets created that day counted by status, priority, channel,
 *   category and tag (what the distribution report groups by), and how many have a tag at
 *   all ('tagged'); kept also by triggers on `ticket_tags`.
 * - `report_months`: the same histograms per local month ("YYYY-MM"): a year report reads
 *   its whole months here and only the days at its edges from `report_days`, a few times
 *   fewer histogram entries than a year of days (a day's histogram holds nearly one bucket
 *   per ticket; a month's buckets fill up).
 * - `report_day_offsets` / `report_day_zones`: the tenant's report time zone written out as
 *   UTC offsets over time, since "a day" is a day in that zone (SQLite has no time zones).
 *   When the zone setting changes, the tenant's rollup is rebuilt (rebuildReportRollup); a
 *   report that finds the rollup in another zone than the setting answers from the tickets.
 *
 * Counts in a shard may go negative (a ticket added in one shard, moved in another): only
 * the sum over shards means something.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { rebuildTenantRollup, type RollupSql } from './030-report-days-model.ts';
import { postgresSql, postgresTriggers } from './030-report-days-postgres.ts';
import { sqliteSql, sqliteTriggers } from './030-report-days-sqlite.ts';
import { settingsTimeZone } from './030-report-days-zone.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export const rollupSql = (dialect: Dialect): RollupSql => (dialect === 'postgres' ? postgresSql : sqliteSql);

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const json = pg ? sql`jsonb` : sql`text`;
  const ts = pg ? sql`timestamptz` : sql`text`;
  await db.schema.createTable('report_days')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('solved', 'integer', (c) => c.notNull())
    .addColumn('breached', 'integer', (c) => c.notNull())
    .addColumn('fr_n', json, (c) => c.notNull())
    .addColumn('fr_s', json, (c) => c.notNull())
    .addColumn('res_n', json, (c) => c.notNull())
    .addColumn('res_s', json, (c) => c.notNull())
    .addPrimaryKeyConstraint('report_days_pk', ['tenant_id', 'day', 'department_id', 'assignee_id', 'shard'])
    .execute();
  await db.schema.createTable('report_day_dims')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_day_dims_pk', ['tenant_id', 'dim', 'day', 'department_id', 'assignee_id', 'shard', 'value'])
    .execute();
  await db.schema.createTable('report_months')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('fr_n', json, (c) => c.notNull())
    .addColumn('fr_s', json, (c) => c.notNull())
    .addColumn('res_n', json, (c) => c.notNull())
    .addColumn('res_s', json, (c) => c.notNull())
    .addPrimaryKeyConstraint('report_months_pk', ['tenant_id', 'month', 'department_id', 'assignee_id', 'shard'])
    .execute();
  await db.schema.createTable('report_day_offsets')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('starts_at', ts, (c) => c.notNull())
    .addColumn('offset_minutes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_day_offsets_pk', ['tenant_id', 'starts_at'])
    .execute();
  await db.schema.createTable('report_day_zones')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .execute();

  if (pg) await postgresTriggers(db);
  else await sqliteTriggers(db);

  // Backfill after the triggers exist (on PostgreSQL the rebuild also locks out ticket writes).
  const tenants = await db.selectFrom('tenants').select('id').execute();
  for (const t of tenants) await rebuildTenantRollup(db, dialect, rollupSql(dialect), t.id, await settingsTimeZone(db, t.id));
}
