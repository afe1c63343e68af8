/**
 * Canned replies (issue 10, docs/canned-replies.md): texts an agent inserts in the composer
 * with `/`. `owner_id` set: a person's own (only they see and change it); null: shared,
 * managed by admins. `department_id` set: offered on that department's tickets only
 * (shared ones are seen by the agents who see that department); null: on every ticket.
 * `body` is plain text, `body_html` the sanitised HTML of the rich editor (may be null).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  await db.schema.createTable('canned_replies')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('department_id', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('shortcut', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('canned_replies_pk', ['tenant_id', 'id'])
    .execute();
  // The composer's list: a person's own and the shared ones, by name.
  await db.schema.createIndex('canned_replies_owner_idx').on('canned_replies').columns(['tenant_id', 'owner_id', 'name']).execute();
  await db.schema.createIndex('canned_replies_department_idx').on('canned_replies').columns(['tenant_id', 'department_id']).execute();
}
