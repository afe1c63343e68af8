/**
 * Resolution links (issue 12, seed 003: "sistema solicita confirmação ao cliente", the
 * satisfaction survey, docs/satisfaction.md).
 *
 * When a ticket is resolved, the requester's mail carries one link token for that
 * resolution: confirm, reopen and rate all use it. As with password resets, the token
 * itself exists only in the mail; the row keeps its SHA-256 (`token_hash`), so a leaked
 * table opens nothing. The row binds the token to its tenant, ticket and resolution
 * (`resolved_at`): a ticket reopened and resolved again gets a new token and the old one
 * stops working. `survey_scale` is the survey offered with it (`five`, `binary`), null when
 * none was. Single use follows from the state: confirming or reopening moves the ticket out
 * of that resolution, and a resolution is rated once (satisfaction_ratings_resolution_uq).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  await db.schema.createTable('resolution_links')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('resolved_at', ts, (c) => c.notNull())
    .addColumn('survey_scale', 'text')
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('resolution_links_pk', ['tenant_id', 'token_hash'])
    .addForeignKeyConstraint('resolution_links_ticket_fk', ['tenant_id', 'ticket_id'], 'tickets', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('resolution_links_ticket_idx').on('resolution_links').columns(['tenant_id', 'ticket_id']).execute();
}
