/**
 * Scheduled replies and a duplicate-proof outbox (issue 8, seed 002's `qore:mail`).
 *
 * 1. `outbound_mails.dedupe_key`: what a mail is "the same mail" by (a notification's event,
 *    template and recipient). Unique per tenant, so a notify job that runs twice, even at the
 *    same moment on two workers, queues one mail (insert … on conflict do nothing). Null for
 *    mail queued without one; nulls never collide.
 * 2. `scheduled_replies`: an agent's reply that carries `send_at`. The message is in the
 *    thread at once for staff, but hidden from the customer (thread and search) until it is
 *    published at send time; cancelled (by a person, or because the customer wrote first) it
 *    is never published.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const ts = dialect === 'postgres' ? 'timestamptz' : 'text';
  await db.schema.alterTable('outbound_mails').addColumn('dedupe_key', 'text').execute();
  await db.schema.createIndex('outbound_mails_dedupe_idx').on('outbound_mails').columns(['tenant_id', 'dedupe_key']).unique().execute();

  await db.schema.createTable('scheduled_replies')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('send_at', ts, (c) => c.notNull())
    .addColumn('published_at', ts)
    .addColumn('cancelled_at', ts)
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('scheduled_replies_pk', ['tenant_id', 'message_id'])
    .execute();
  await db.schema.createIndex('scheduled_replies_ticket_idx').on('scheduled_replies').columns(['tenant_id', 'ticket_id']).execute();
}
