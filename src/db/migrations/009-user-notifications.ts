/**
 * In-app notifications (issue 8), see docs/notifications.md.
 *
 * 1. `notifications`: one row per person told of something (a new ticket, a customer's
 *    reply, an assignment, a transfer, a mention, a resolution; mail waiting for a transport,
 *    a mailbox to connect again), with the event it came from and what it is about
 *    (`subject_type` + `subject_id`: a ticket, a mailbox, the tenant's outgoing mail;
 *    `ticket_id` set only for a ticket, for the visibility rule).
 *    Unique per (tenant, user, event): the notify job that writes it may run twice.
 * 2. `notification_preferences`: per person, which kinds also come by mail (a JSON object
 *    of kind → boolean; a kind not named, or no row at all, means "yes", today's behaviour).
 * 3. `message_mentions`: the staff an internal note mentions (@name), one row each, so
 *    the web app can render them and the notify job knows whom to tell.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;

  await db.schema.createTable('notifications')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('event_id', 'bigint', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('read_at', ts)
    .addPrimaryKeyConstraint('notifications_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('notifications_event_uq', ['tenant_id', 'user_id', 'event_id'])
    .execute();
  // A person's list, newest first (ids are time-ordered UUIDv7), and their unread count.
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['tenant_id', 'user_id', 'id']).execute();
  await db.schema.createIndex('notifications_unread_idx').on('notifications').columns(['tenant_id', 'user_id', 'read_at']).execute();
  await db.schema.createIndex('notifications_ticket_idx').on('notifications').columns(['tenant_id', 'ticket_id']).execute();

  await db.schema.createTable('notification_preferences')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['tenant_id', 'user_id'])
    .execute();

  await db.schema.createTable('message_mentions')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_mentions_pk', ['tenant_id', 'message_id', 'user_id'])
    .execute();
}
