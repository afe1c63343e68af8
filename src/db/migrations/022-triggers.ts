/**
 * Triggers and actions (issue 11, seed 002, docs/automation.md).
 *
 * 1. `triggers`: a tenant's rules. `type` is the trigger type (TICKET_FIELD_CHANGE, …),
 *    `options` its JSON options (the field and values, internal/external, a status, an
 *    SLA target), `conditions` JSON on the ticket (department, priority, tags, channel,
 *    organisation), `actions` a JSON list of `{type, config}` run in order. Triggers are
 *    evaluated by `position`, then by creation.
 * 2. `trigger_runs`: the run log. One row per trigger and event (`trigger_runs_event_uq`),
 *    written before the actions run, so a retried job never runs a trigger twice for one
 *    event. `results` is the JSON list of what each action did.
 * 3. `events.trigger_chain`: the triggers whose actions led to the event (a JSON array of
 *    trigger ids, null for a change nobody's trigger made), for loop prevention.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const ts = pg ? sql`timestamptz` : sql`text`;
  const bool = pg ? sql`boolean` : sql`integer`;

  await db.schema.createTable('triggers')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('is_active', bool, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('triggers_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('triggers_order_idx').on('triggers').columns(['tenant_id', 'type', 'position']).execute();

  await db.schema.createTable('trigger_runs')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('trigger_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    .addColumn('event_id', 'bigint', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('results', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('chain_depth', 'integer', (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('duration_ms', 'integer')
    .addPrimaryKeyConstraint('trigger_runs_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('trigger_runs_event_uq').on('trigger_runs').columns(['tenant_id', 'trigger_id', 'event_id']).unique().execute();
  // Each trigger's log, newest first (ids are time-ordered: clock.ts newId).
  await db.schema.createIndex('trigger_runs_log_idx').on('trigger_runs').columns(['tenant_id', 'trigger_id', 'id']).execute();

  await db.schema.alterTable('events').addColumn('trigger_chain', 'text').execute();
}
