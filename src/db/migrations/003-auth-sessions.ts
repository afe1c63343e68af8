/**
 * Sign-in state: refresh token families (rotation, reuse detection, revocation) and shared rate-limit counters.
 *
 * A family is one API sign-in; each refresh token of it is stored by the SHA-256 of its
 * `jti` only. Rate-limit rows are install-wide (their keys name a client address, or a
 * tenant and account), so several instances on one database share the same counters;
 * their times are epoch milliseconds so the atomic upserts can do arithmetic on both engines.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const ts = pg ? sql`timestamptz` : sql`text`;
  const ms = pg ? sql`bigint` : sql`integer`;

  await db.schema.createTable('token_families')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .addColumn('revoked_reason', 'text')
    .addPrimaryKeyConstraint('token_families_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('token_families_user_idx').on('token_families').columns(['tenant_id', 'user_id']).execute();

  await db.schema.createTable('refresh_tokens')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('jti_hash', 'text', (c) => c.notNull())
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('refresh_tokens_pk', ['tenant_id', 'jti_hash'])
    .addForeignKeyConstraint('refresh_tokens_family_fk', ['tenant_id', 'family_id'], 'token_families', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('refresh_tokens_family_idx').on('refresh_tokens').columns(['tenant_id', 'family_id']).execute();

  await db.schema.createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('delay_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reset_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('last_refused', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('rate_limits_expires_idx').on('rate_limits').column('expires_at').execute();

  // Before this change the raw reset token sat in the mail job's payload (and, without
  // SMTP, in the log): drop it from every stored payload and end the tokens still pending.
  await sql`update jobs set payload = ${pg ? sql`(payload::jsonb - 'token')::text` : sql`json_remove(payload, '$.token')`} where name = 'mail.password_reset'`.execute(db);
  await sql`update password_resets set used_at = ${pg ? sql`now()` : sql`strftime('%Y-%m-%dT%H:%M:%fZ','now')`} where used_at is null`.execute(db);
}
