/**
 * Inactive tickets (issue 11, seed 002's inactivity settings, docs/automation-inactivity.md).
 *
 * 1. `tickets.last_activity_at`: when a person last did something on the ticket (a reply or
 *    a note from a person, a change made by a person, the ticket's creation). Automatic
 *    changes (triggers, SLA, the inactivity sweep itself) leave it alone. Existing rows take
 *    `updated_at`, the latest change of any kind: never earlier than their true last
 *    activity, so no ticket closes sooner than it should after the upgrade.
 * 2. `tickets.inactivity_reminded_at`: when the close reminder went out. The ticket has been
 *    reminded in its current period of inactivity when this is at or after last_activity_at;
 *    activity starts a new period without touching it. The sweep claims a reminder with a
 *    conditional UPDATE on it, so two sweeps never remind twice.
 * 3. `tickets_inactivity_idx` (tenant_id, status, last_activity_at): the sweep reads, per
 *    tenant and status, the tickets idle since before a cutoff as one index range.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  await db.schema.alterTable('tickets').addColumn('last_activity_at', ts).execute();
  await db.schema.alterTable('tickets').addColumn('inactivity_reminded_at', ts).execute();
  await db.updateTable('tickets').set({ last_activity_at: sql`updated_at` }).execute();
  await db.schema.createIndex('tickets_inactivity_idx').on('tickets').columns(['tenant_id', 'status', 'last_activity_at']).execute();
}
