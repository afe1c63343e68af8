/**
 * The foundation schema: tenants, accounts, departments, tickets, messages,
 * attachments, tags, events (the append-only audit log), jobs, tokens and search.
 * Timestamps are ISO-8601 text on SQLite and timestamptz on PostgreSQL (read back
 * as ISO strings, see db/client.ts); booleans are integer 0/1 on SQLite.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// Kysely's migration API is untyped by design: the schema is what it creates.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const ts = pg ? sql`timestamptz` : sql`text`;
  const bool = pg ? sql`boolean` : sql`integer`;
  const autoId = pg ? sql`bigserial primary key` : sql`integer primary key autoincrement`;
  const now = pg ? sql`now()` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

  await db.schema.createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema.createTable('tenant_domains')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .execute();

  await db.schema.createTable('tenant_counters')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('tenant_counters_pk', ['tenant_id', 'name'])
    .execute();

  await db.schema.createTable('settings')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('settings_pk', ['tenant_id', 'key'])
    .execute();

  await db.schema.createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('organisations_name_uq', ['tenant_id', 'name'])
    .execute();

  await db.schema.createTable('organisation_domains')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('organisation_domains_pk', ['tenant_id', 'domain'])
    .execute();

  await db.schema.createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('can_access_ticketing', bool, (c) => c.notNull().defaultTo(sql`${pg ? sql`true` : sql`1`}`))
    .addColumn('restricted_to_departments', bool, (c) => c.notNull().defaultTo(sql`${pg ? sql`false` : sql`0`}`))
    .addColumn('is_active', bool, (c) => c.notNull().defaultTo(sql`${pg ? sql`true` : sql`1`}`))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('language', 'text')
    .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('users_email_uq', ['tenant_id', 'email'])
    // Lookups by tenant and id (and the foreign keys below) use this, not a tenant-wide scan.
    .addUniqueConstraint('users_tenant_id_uq', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('users_role_idx').on('users').columns(['tenant_id', 'role', 'name']).execute();

  await db.schema.createTable('departments')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('default_owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('default_status', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('default_priority', 'text', (c) => c.notNull().defaultTo('medium'))
    .addColumn('auto_create_customers', bool, (c) => c.notNull().defaultTo(sql`${pg ? sql`true` : sql`1`}`))
    .addColumn('is_active', bool, (c) => c.notNull().defaultTo(sql`${pg ? sql`true` : sql`1`}`))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('departments_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('departments_slug_uq', ['tenant_id', 'slug'])
    .execute();

  await db.schema.createTable('department_addresses')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('department_addresses_pk', ['tenant_id', 'address'])
    .addForeignKeyConstraint('department_addresses_dep_fk', ['tenant_id', 'department_id'], 'departments', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();

  // Direct delivery (LMTP/SMTP) finds the tenants of a recipient by address alone.
  await db.schema.createIndex('department_addresses_address_idx').on('department_addresses').column('address').execute();

  await db.schema.createTable('department_members')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('department_members_pk', ['tenant_id', 'department_id', 'user_id'])
    .addForeignKeyConstraint('department_members_dep_fk', ['tenant_id', 'department_id'], 'departments', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('department_members_user_idx').on('department_members').columns(['tenant_id', 'user_id']).execute();

  await db.schema.createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull())
    .addColumn('requester_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('category', 'text')
    .addColumn('resolution', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('first_response_at', ts)
    .addColumn('resolved_at', ts)
    .addColumn('closed_at', ts)
    .addUniqueConstraint('tickets_number_uq', ['tenant_id', 'number'])
    .addUniqueConstraint('tickets_tenant_id_uq', ['tenant_id', 'id'])
    .addForeignKeyConstraint('tickets_department_fk', ['tenant_id', 'department_id'], 'departments', ['tenant_id', 'id'])
    .execute();
  for (const [name, cols] of [
    ['tickets_created_idx', ['tenant_id', 'created_at', 'id']],
    ['tickets_updated_idx', ['tenant_id', 'updated_at', 'id']],
    ['tickets_status_idx', ['tenant_id', 'status', 'created_at', 'id']],
    ['tickets_priority_idx', ['tenant_id', 'priority', 'created_at', 'id']],
    ['tickets_status_priority_idx', ['tenant_id', 'status', 'priority', 'created_at', 'id']],
    ['tickets_department_idx', ['tenant_id', 'department_id', 'status', 'created_at']],
    ['tickets_department_updated_idx', ['tenant_id', 'department_id', 'status', 'updated_at', 'id']],
    ['tickets_requester_idx', ['tenant_id', 'requester_id', 'created_at']],
    ['tickets_assignee_idx', ['tenant_id', 'assignee_id', 'status', 'created_at']],
    ['tickets_organisation_idx', ['tenant_id', 'organisation_id', 'created_at']],
  ] as const) {
    await db.schema.createIndex(name).on('tickets').columns([...cols]).execute();
  }

  await db.schema.createTable('ticket_recipients')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_recipients_pk', ['tenant_id', 'ticket_id', 'address'])
    .addForeignKeyConstraint('ticket_recipients_ticket_fk', ['tenant_id', 'ticket_id'], 'tickets', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();

  await db.schema.createTable('tags')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('tags_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('tags_name_uq', ['tenant_id', 'name'])
    .execute();

  await db.schema.createTable('ticket_tags')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('tag_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_tags_pk', ['tenant_id', 'ticket_id', 'tag_id'])
    .addForeignKeyConstraint('ticket_tags_ticket_fk', ['tenant_id', 'ticket_id'], 'tickets', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint('ticket_tags_tag_fk', ['tenant_id', 'tag_id'], 'tags', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('ticket_tags_tag_idx').on('ticket_tags').columns(['tenant_id', 'tag_id', 'ticket_id']).execute();

  await db.schema.createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('message_type', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('quoted_text', 'text')
    .addColumn('email_message_id', 'text')
    .addColumn('email_in_reply_to', 'text')
    .addColumn('email_references', 'text')
    .addColumn('email_headers', 'text')
    .addColumn('time_spent', pg ? sql`double precision` : sql`real`)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('messages_tenant_id_uq', ['tenant_id', 'id'])
    // Foreign keys that start with tenant_id: deleting a ticket finds its rows by index.
    .addForeignKeyConstraint('messages_ticket_fk', ['tenant_id', 'ticket_id'], 'tickets', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('messages_ticket_idx').on('messages').columns(['tenant_id', 'ticket_id', 'created_at']).execute();
  await db.schema.createIndex('messages_email_id_idx').on('messages').columns(['tenant_id', 'email_message_id']).execute();

  await db.schema.createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('inline', bool, (c) => c.notNull().defaultTo(sql`${pg ? sql`false` : sql`0`}`))
    .addColumn('content_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addForeignKeyConstraint('attachments_ticket_fk', ['tenant_id', 'ticket_id'], 'tickets', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint('attachments_message_fk', ['tenant_id', 'message_id'], 'messages', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('attachments_ticket_idx').on('attachments').columns(['tenant_id', 'ticket_id']).execute();
  await db.schema.createIndex('attachments_message_idx').on('attachments').columns(['tenant_id', 'message_id']).execute();
  await db.schema.createIndex('attachments_sha_idx').on('attachments').columns(['tenant_id', 'sha256']).execute();

  await db.schema.createTable('events')
    .addColumn('id', autoId)
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_tenant_idx').on('events').columns(['tenant_id', 'id']).execute();
  await db.schema.createIndex('events_actor_idx').on('events').columns(['tenant_id', 'actor_id', 'id']).execute();
  await db.schema.createIndex('events_name_idx').on('events').columns(['tenant_id', 'name', 'id']).execute();
  await db.schema.createIndex('events_subject_idx').on('events').columns(['tenant_id', 'subject_type', 'subject_id', 'id']).execute();
  // The event log is the audit log: nothing may rewrite history.
  if (pg) {
    await sql`create function parley_forbid_change() returns trigger language plpgsql as $$
      begin raise exception 'events are append-only'; end $$`.execute(db);
    await sql`create trigger events_append_only before update or delete on events
      for each row execute function parley_forbid_change()`.execute(db);
  } else {
    await sql`create trigger events_no_update before update on events
      begin select raise(abort, 'events are append-only'); end`.execute(db);
    await sql`create trigger events_no_delete before delete on events
      begin select raise(abort, 'events are append-only'); end`.execute(db);
  }

  await db.schema.createTable('jobs')
    .addColumn('id', autoId)
    .addColumn('tenant_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('run_at', ts, (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', ts)
    .addColumn('last_error', 'text')
    .addColumn('unique_key', 'text', (c) => c.unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_ready_idx').on('jobs').columns(['status', 'run_at', 'id']).execute();
  await db.schema.createIndex('jobs_tenant_idx').on('jobs').columns(['tenant_id', 'status', 'id']).execute();

  await db.schema.createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .addColumn('expires_at', ts)
    .addColumn('revoked_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').columns(['tenant_id', 'user_id']).execute();

  await db.schema.createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema.createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema.createTable('idempotency_keys')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('actor_key', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['tenant_id', 'actor_key', 'key'])
    .execute();

  if (pg) {
    await db.schema.createTable('search_index')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .addPrimaryKeyConstraint('search_index_pk', ['tenant_id', 'source_id'])
      .addForeignKeyConstraint('search_index_ticket_fk', ['tenant_id', 'ticket_id'], 'tickets', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
      .execute();
    await sql`create index search_index_document_idx on search_index using gin (document)`.execute(db);
    await db.schema.createIndex('search_index_ticket_idx').on('search_index').columns(['tenant_id', 'ticket_id']).execute();
  } else {
    // FTS5 keeps only the text; search_docs maps each FTS rowid to its tenant, ticket
    // and source, so a document can be replaced by rowid without scanning the index.
    await db.schema.createTable('search_docs')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addUniqueConstraint('search_docs_source_uq', ['tenant_id', 'source_id'])
      .addForeignKeyConstraint('search_docs_ticket_fk', ['tenant_id', 'ticket_id'], 'tickets', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
      .execute();
    await db.schema.createIndex('search_docs_ticket_idx').on('search_docs').columns(['tenant_id', 'ticket_id']).execute();
    await sql`create virtual table search_index using fts5(content, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    await sql`create trigger search_docs_delete after delete on search_docs
      begin delete from search_index where rowid = old.id; end`.execute(db);
  }
}
