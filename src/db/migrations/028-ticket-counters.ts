/**
 * Maintained ticket counters for the dashboard (issue 12, docs/reports.md): how many
 * tickets each (department, assignee, status) holds right now, kept by database triggers
 * on `tickets` so that every write path (commands, bulk updates, mail, jobs, the CLI,
 * later migrations, a manual SQL fix) keeps them right without the app remembering to.
 *
 * `assignee_id` is '' for unassigned (a primary key column cannot be null on PostgreSQL).
 * `shard` spreads PostgreSQL's row locks: each connection adds to its own row
 * (pg_backend_pid() % 16), so concurrent creates in one department do not queue on one
 * counter row; a reader sums the shards. SQLite has one writer at a time: shard 0 only.
 * A shard's count may go negative (a ticket counted in one shard, moved away in another);
 * only the sum means something.
 *
 * Also the indexes a year report needs: tickets by resolution time (solved per period,
 * resolution times, SLA), and by creation time with the first response beside it.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

const KEY = 'tenant_id, department_id, assignee_id, status, shard';

export async function up(db: Db, dialect: Dialect): Promise<void> {
  await db.schema.createTable('ticket_counters')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_counters_pk', ['tenant_id', 'department_id', 'assignee_id', 'status', 'shard'])
    .execute();

  if (dialect === 'postgres') await postgresTriggers(db);
  else await sqliteTriggers(db);

  // Backfill after the triggers exist; on PostgreSQL CREATE TRIGGER holds a lock that keeps
  // writers out until this migration commits, so no ticket is counted twice or missed.
  await sql`INSERT INTO ticket_counters (${sql.raw(KEY)}, count)
    SELECT tenant_id, department_id, COALESCE(assignee_id, ''), status, 0, COUNT(*) FROM tickets
    GROUP BY tenant_id, department_id, COALESCE(assignee_id, ''), status`.execute(db);

  await db.schema.createIndex('tickets_resolved_idx').on('tickets').columns(['tenant_id', 'resolved_at', 'created_at']).execute();
  await db.schema.createIndex('tickets_created_response_idx').on('tickets').columns(['tenant_id', 'created_at', 'first_response_at']).execute();
}

async function sqliteTriggers(db: Db): Promise<void> {
  const add = (row: 'NEW' | 'OLD', delta: 1 | -1) => `INSERT INTO ticket_counters (${KEY}, count)
    VALUES (${row}.tenant_id, ${row}.department_id, COALESCE(${row}.assignee_id, ''), ${row}.status, 0, ${delta})
    ON CONFLICT (${KEY}) DO UPDATE SET count = count + (${delta});`;
  await sql.raw(`CREATE TRIGGER ticket_counters_insert AFTER INSERT ON tickets BEGIN ${add('NEW', 1)} END`).execute(db);
  await sql.raw(`CREATE TRIGGER ticket_counters_delete AFTER DELETE ON tickets BEGIN ${add('OLD', -1)} END`).execute(db);
  await sql.raw(`CREATE TRIGGER ticket_counters_update AFTER UPDATE OF status, department_id, assignee_id ON tickets
    WHEN OLD.status IS NOT NEW.status OR OLD.department_id IS NOT NEW.department_id OR OLD.assignee_id IS NOT NEW.assignee_id
    BEGIN ${add('OLD', -1)} ${add('NEW', 1)} END`).execute(db);
}

async function postgresTriggers(db: Db): Promise<void> {
  // Two counter rows change on an update: they are locked in key order, so two
  // transactions moving tickets in opposite directions cannot deadlock on them.
  await sql.raw(`CREATE OR REPLACE FUNCTION ticket_counters_add(t text, d integer, a text, s text, delta integer) RETURNS void
    LANGUAGE sql AS $$
      INSERT INTO ticket_counters (${KEY}, count) VALUES (t, d, COALESCE(a, ''), s, pg_backend_pid() % 16, delta)
      ON CONFLICT (${KEY}) DO UPDATE SET count = ticket_counters.count + delta
    $$`).execute(db);
  await sql.raw(`CREATE OR REPLACE FUNCTION ticket_counters_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM ticket_counters_add(NEW.tenant_id, NEW.department_id, NEW.assignee_id, NEW.status, 1);
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM ticket_counters_add(OLD.tenant_id, OLD.department_id, OLD.assignee_id, OLD.status, -1);
      ELSIF ROW(OLD.department_id, COALESCE(OLD.assignee_id, ''), OLD.status) < ROW(NEW.department_id, COALESCE(NEW.assignee_id, ''), NEW.status) THEN
        PERFORM ticket_counters_add(OLD.tenant_id, OLD.department_id, OLD.assignee_id, OLD.status, -1);
        PERFORM ticket_counters_add(NEW.tenant_id, NEW.department_id, NEW.assignee_id, NEW.status, 1);
      ELSE
        PERFORM ticket_counters_add(NEW.tenant_id, NEW.department_id, NEW.assignee_id, NEW.status, 1);
        PERFORM ticket_counters_add(OLD.tenant_id, OLD.department_id, OLD.assignee_id, OLD.status, -1);
      END IF;
      RETURN NULL;
    END $$`).execute(db);
  await sql.raw(`CREATE TRIGGER ticket_counters_insert_delete AFTER INSERT OR DELETE ON tickets
    FOR EACH ROW EXECUTE FUNCTION ticket_counters_apply()`).execute(db);
  await sql.raw(`CREATE TRIGGER ticket_counters_update AFTER UPDATE OF status, department_id, assignee_id ON tickets
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.department_id IS DISTINCT FROM NEW.department_id OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id)
    EXECUTE FUNCTION ticket_counters_apply()`).execute(db);
}
