/**
 * Webhooks (issue 11, docs/webhooks.md).
 *
 * 1. `webhooks`: a tenant's subscriptions: the URL, the events (a JSON array of catalog
 *    names), the format (`standard`: Standard Webhooks JSON; `slack`: an incoming-webhook
 *    message), the signing secret sealed with the install's key, and the one before the
 *    last rotation while receivers switch over (`previous_secret` until
 *    `previous_secret_until`). `is_active` false with `disabled_reason`: turned off by an
 *    admin or by Parley after a day of failed deliveries.
 * 2. `webhook_deliveries`: the outbox and the delivery log. One row per message to send:
 *    `message_id` is the `webhook-id` header, the same for every attempt and for a manual
 *    redelivery (a new row); `body` is fixed at the first attempt, so every attempt sends the
 *    same bytes. `dedupe_key` (webhook + event) makes queueing an event twice impossible.
 *    The dispatcher claims due rows with a lease (`claimed_by`, `lease_until`).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const ts = pg ? sql`timestamptz` : sql`text`;
  const bool = pg ? sql`boolean` : sql`integer`;

  await db.schema.createTable('webhooks')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('previous_secret', 'text')
    .addColumn('previous_secret_until', ts)
    .addColumn('is_active', bool, (c) => c.notNull())
    .addColumn('disabled_reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('webhooks_pk', ['tenant_id', 'id'])
    .execute();

  await db.schema.createTable('webhook_deliveries')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('webhook_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'bigint')
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('body', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', ts, (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', ts)
    .addColumn('last_status_code', 'integer')
    .addColumn('last_duration_ms', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('response_excerpt', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .addPrimaryKeyConstraint('webhook_deliveries_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('webhook_deliveries_dedupe_uq').on('webhook_deliveries').columns(['tenant_id', 'dedupe_key']).unique().execute();
  // The dispatcher's claim (due pending rows, across tenants) and each webhook's log, newest first.
  await db.schema.createIndex('webhook_deliveries_due_idx').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_log_idx').on('webhook_deliveries').columns(['tenant_id', 'webhook_id', 'id']).execute();
}
