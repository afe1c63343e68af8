/**
 * Presence on a ticket (issue 10): who of the staff is viewing or replying on it now.
 * Kept in the database, not in a process, so that it works across several instances: one
 * row per (tenant, ticket, user), upserted by each heartbeat, ignored once `expires_at` has
 * passed (a closed tab stops beating and disappears) and deleted by the next heartbeat of
 * the tenant. Not an event: presence never enters the event log or the audit trail.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  await db.schema.createTable('ticket_presence')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('viewing', 'replying')`))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_presence_pk', ['tenant_id', 'ticket_id', 'user_id'])
    .execute();
  // The sweep of expired rows, per tenant.
  await db.schema.createIndex('ticket_presence_expiry_idx').on('ticket_presence').columns(['tenant_id', 'expires_at']).execute();
}
