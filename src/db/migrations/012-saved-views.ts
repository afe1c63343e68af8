/**
 * Saved views of the ticket list (issue 10): a person's named filter combinations, the
 * query string of the list as they saved it (a JSON object of the list's query
 * parameters, validated against the list's schema when saved), in their own order.
 * Only their owner reads or changes them.
 *
 * Also two indexes for list filters added with this slice (category and channel), so a
 * view filtered on them is found by index, and its count stays cheap.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;

  await db.schema.createTable('saved_views')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('saved_views_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('saved_views_user_fk', ['user_id'], 'users', ['id'], (c) => c.onDelete('cascade'))
    .addUniqueConstraint('saved_views_name_uq', ['tenant_id', 'user_id', 'name'])
    .execute();
  // A person's views in their order.
  await db.schema.createIndex('saved_views_user_idx').on('saved_views').columns(['tenant_id', 'user_id', 'position']).execute();

  await db.schema.createIndex('tickets_category_idx').on('tickets').columns(['tenant_id', 'category', 'created_at']).execute();
  await db.schema.createIndex('tickets_channel_idx').on('tickets').columns(['tenant_id', 'channel', 'created_at']).execute();
}
