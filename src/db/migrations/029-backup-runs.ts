/**
 * Operations (issue 12): the record of every backup of the installation, and an index
 * the health report needs.
 *
 * `backup_runs` is the one table that belongs to the installation rather than to a
 * tenant (a backup holds every tenant): no `tenant_id`. A scheduled run carries its
 * scheduler slot in `slot`, unique, so that the daily backup is taken once however many
 * workers get its job (a reclaimed job finds the row and leaves it alone); a manual run
 * (`parley backup`) has none. `status` is running | succeeded | failed.
 *
 * `outbound_mails_undelivered_idx` is on (status, send_at) without `tenant_id` first, as
 * an exception to the rule: /readyz asks for the oldest undelivered mail of the whole
 * installation, and must answer from an index rather than scan every mail ever sent.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  await db.schema.createTable('backup_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slot', 'text', (c) => c.unique())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('error', 'text')
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .execute();
  await db.schema.createIndex('backup_runs_started_idx').on('backup_runs').columns(['started_at']).execute();
  await db.schema.createIndex('outbound_mails_undelivered_idx').on('outbound_mails').columns(['status', 'send_at']).execute();
}
