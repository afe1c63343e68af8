/**
 * The Ferndesk custom support endpoint (issue 12, seed 004): at most one per tenant.
 *
 * Ferndesk cannot send credentials, so the endpoint's URL carries an unguessable token; only
 * its SHA-256 is kept (`token_hash`, unique across tenants: the public feed finds its tenant
 * by it). Disabling clears the hash (the old URL answers 404) and keeps the row, so the
 * chosen role name survives a later re-enable. `role_name` is how staff messages are
 * labelled in the feed: `agent` (the seed's text) or `support_agent` (its example).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  await db.schema.createTable('ferndesk_integrations')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('token_hash', 'text')
    .addColumn('role_name', 'text', (c) => c.notNull().defaultTo('agent'))
    .addColumn('enabled_at', ts)
    .addColumn('rotated_at', ts)
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ferndesk_integrations_token_uq').on('ferndesk_integrations').column('token_hash').unique().execute();
}
