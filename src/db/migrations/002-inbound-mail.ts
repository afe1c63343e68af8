/**
 * Inbound mail: mailboxes (per tenant, with encrypted credentials and their IMAP
 * position), and every received message stored raw before anything else is done
 * with it, with its processing state (processed, rejected, dropped, quarantined).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const ts = pg ? sql`timestamptz` : sql`text`;
  const bool = pg ? sql`boolean` : sql`integer`;
  const yes = pg ? sql`true` : sql`1`;
  const blob = pg ? sql`bytea` : sql`blob`;

  await db.schema.createTable('mailboxes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('host', 'text')
    .addColumn('port', 'integer')
    .addColumn('security', 'text', (c) => c.notNull().defaultTo('tls'))
    .addColumn('auth', 'text', (c) => c.notNull().defaultTo('password'))
    .addColumn('username', 'text')
    .addColumn('secret_enc', 'text')
    .addColumn('oauth_provider', 'text')
    .addColumn('oauth_config', 'text')
    .addColumn('oauth_refresh_enc', 'text')
    .addColumn('oauth_access_enc', 'text')
    .addColumn('oauth_expires_at', ts)
    .addColumn('folder', 'text', (c) => c.notNull().defaultTo('INBOX'))
    .addColumn('archive_folder', 'text')
    .addColumn('department_id', 'integer')
    .addColumn('is_active', bool, (c) => c.notNull().defaultTo(yes))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('ok'))
    .addColumn('last_error', 'text')
    .addColumn('last_scan_at', ts)
    .addColumn('last_success_at', ts)
    .addColumn('uid_validity', 'text')
    .addColumn('last_uid', 'integer')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('mailboxes_name_uq', ['tenant_id', 'name'])
    .execute();

  await db.schema.createTable('inbound_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('mailbox_key', 'text', (c) => c.notNull())
    .addColumn('mailbox_id', 'text', (c) => c.references('mailboxes.id').onDelete('set null'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('envelope', 'text')
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('ticket_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('subject', 'text')
    .addColumn('from_address', 'text')
    .addColumn('received_at', ts, (c) => c.notNull())
    .addColumn('processed_at', ts)
    .addUniqueConstraint('inbound_messages_dedupe_uq', ['tenant_id', 'mailbox_key', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('inbound_messages_status_idx').on('inbound_messages').columns(['tenant_id', 'status', 'received_at']).execute();

  await db.schema.createTable('inbound_raw')
    .addColumn('inbound_id', 'text', (c) => c.primaryKey().references('inbound_messages.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('raw', blob, (c) => c.notNull())
    .execute();
}
