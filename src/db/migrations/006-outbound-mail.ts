/**
 * The outbox: one row per outgoing mail, written in the transaction that caused it and
 * delivered by a `mail.deliver` job (see src/mail/outbound/).
 *
 * 1. `outbound_mails`: who, what, our Message-ID and the threading chain, the state
 *    (queued | held | sent | failed | cancelled) with its reason, attempts and times.
 * 2. `outbound_mail_recipients`: one row per To/Cc address of a mail, so the send
 *    threshold (mail_send_threshold per 5 minutes per address) is an indexed count.
 *    `counted_at` is when a delivery of that mail counted against the threshold.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const ts = pg ? sql`timestamptz` : sql`text`;
  const bool = pg ? sql`boolean` : sql`integer`;

  await db.schema.createTable('outbound_mails')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('to_addresses', 'text', (c) => c.notNull())
    .addColumn('cc_addresses', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('email_message_id', 'text', (c) => c.notNull())
    .addColumn('in_reply_to', 'text')
    .addColumn('email_references', 'text', (c) => c.notNull())
    .addColumn('automatic', bool, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('last_error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dispatches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('threshold_waived', bool, (c) => c.notNull().defaultTo(sql`${pg ? sql`false` : sql`0`}`))
    .addColumn('send_at', ts, (c) => c.notNull())
    .addColumn('last_attempt_at', ts)
    .addColumn('sent_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('outbound_mails_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('outbound_mails_status_idx').on('outbound_mails').columns(['tenant_id', 'status', 'id']).execute();
  await db.schema.createIndex('outbound_mails_ticket_idx').on('outbound_mails').columns(['tenant_id', 'ticket_id', 'id']).execute();
  await db.schema.createIndex('outbound_mails_message_idx').on('outbound_mails').columns(['tenant_id', 'message_id']).execute();
  await db.schema.createIndex('outbound_mails_email_id_idx').on('outbound_mails').columns(['tenant_id', 'email_message_id']).execute();

  await db.schema.createTable('outbound_mail_recipients')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('outbound_id', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('counted_at', ts)
    .addPrimaryKeyConstraint('outbound_mail_recipients_pk', ['tenant_id', 'outbound_id', 'address'])
    .addForeignKeyConstraint('outbound_mail_recipients_mail_fk', ['tenant_id', 'outbound_id'], 'outbound_mails', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('outbound_mail_recipients_counted_idx').on('outbound_mail_recipients').columns(['tenant_id', 'address', 'counted_at']).execute();
}
