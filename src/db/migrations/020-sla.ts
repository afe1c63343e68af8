/**
 * SLA policies and the SLA state of tickets (issue 11, docs/sla.md).
 *
 * 1. `sla_policies`: a tenant's targets per priority (minutes to first response and to
 *    resolution, JSON), business hours (JSON: week and holidays; null = around the clock)
 *    in `time_zone`, the statuses that pause the clock (JSON), the near-breach fraction.
 *    `scope_key` says what it covers: `default` (the tenant), `department:<id>` or
 *    `organisation:<id>`; one policy per scope (unique).
 * 2. Ticket columns: the due times of the two targets (null while the clock does not run),
 *    when each was breached, `sla_due_at` (the nearer running due time: list filter and
 *    sort), `sla_next_check_at` (the next instant an alert may be due: the sweep's index),
 *    and `sla_pauses` (JSON [status, from, to|null] intervals: the facts the clocks are
 *    computed from).
 * 3. `sla_alerts`: one row per alert raised (ticket, target, kind, due time): the primary key
 *    makes an alert happen once whatever the number of workers and timers.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const ts = pg ? sql`timestamptz` : sql`text`;
  const real = pg ? sql`double precision` : sql`real`;

  await db.schema.createTable('sla_policies')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer')
    .addColumn('organisation_id', 'text')
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('business_hours', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('pause_statuses', 'text', (c) => c.notNull())
    .addColumn('near_breach', real, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_policies_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('sla_policies_scope_uq', ['tenant_id', 'scope_key'])
    .execute();

  for (const column of ['first_response_due_at', 'resolution_due_at', 'first_response_breached_at', 'resolution_breached_at', 'sla_due_at', 'sla_next_check_at']) {
    await db.schema.alterTable('tickets').addColumn(column, ts).execute();
  }
  await db.schema.alterTable('tickets').addColumn('sla_pauses', 'text').execute();
  // "Breaching in the next hour", "breached", sort by due time; and the sweep of due checks.
  await db.schema.createIndex('tickets_sla_due_idx').on('tickets').columns(['tenant_id', 'sla_due_at', 'id']).execute();
  await db.schema.createIndex('tickets_sla_check_idx').on('tickets').columns(['tenant_id', 'sla_next_check_at']).execute();

  await db.schema.createTable('sla_alerts')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_alerts_pk', ['tenant_id', 'ticket_id', 'target', 'kind', 'due_at'])
    .addForeignKeyConstraint('sla_alerts_ticket_fk', ['tenant_id', 'ticket_id'], 'tickets', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
}
