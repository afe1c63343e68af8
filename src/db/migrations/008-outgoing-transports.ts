/**
 * How each tenant's mail goes out (see src/mail/outbound/transports/).
 *
 * 1. `outgoing_transports`: the SMTP server (host, port, security, login; the password
 *    sealed) or the OAuth-connected mailbox to send through, for a whole tenant
 *    (`department_id` 0) or one department (which overrides the tenant's). `version`
 *    grows on every change: processes that keep the transport open see it and rebuild.
 * 2. `outgoing_dkim`: a tenant's DKIM key (private key sealed) and its public half.
 * 3. `outgoing_mail_notices`: since when a tenant's mail waits for want of a transport,
 *    and when its admins were told (once per episode).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;

  await db.schema.createTable('outgoing_transports')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('host', 'text')
    .addColumn('port', 'integer')
    .addColumn('security', 'text')
    .addColumn('username', 'text')
    .addColumn('password_enc', 'text')
    .addColumn('mailbox_id', 'text')
    .addColumn('via', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('outgoing_transports_pk', ['tenant_id', 'department_id'])
    .execute();
  await db.schema.createIndex('outgoing_transports_mailbox_idx').on('outgoing_transports').columns(['tenant_id', 'mailbox_id']).execute();

  await db.schema.createTable('outgoing_dkim')
    .addColumn('tenant_id', 'text', (c) => c.notNull().primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('selector', 'text', (c) => c.notNull())
    .addColumn('private_key_enc', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema.createTable('outgoing_mail_notices')
    .addColumn('tenant_id', 'text', (c) => c.notNull().primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('waiting_since', ts, (c) => c.notNull())
    .addColumn('notified_at', ts, (c) => c.notNull())
    .execute();
}
