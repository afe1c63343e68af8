/**
 * Satisfaction ratings (issue 12, seed 003: "cliente recebe pesquisa de satisfação").
 *
 * One row per rated resolution: a ticket resolved, reopened and resolved again can be
 * rated again (`satisfaction_ratings_resolution_uq` on the resolution's time). The row
 * keeps who was rated, as things stood when the ticket was resolved (`agent_id`, the
 * assignee; `department_id`), so reports per agent and per department do not move when
 * the ticket is later transferred.
 *
 * `scale` is `five` (rating 1–5) or `binary` (rating 1 = bad, 5 = good, so averages
 * stay comparable); `positive` is stored at write time (five: rating ≥ 4; binary: good),
 * and CSAT is the share of positive ratings. `source` is where it was given: `mail` (the
 * one-click link), `portal` or `api`.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const ts = pg ? sql`timestamptz` : sql`text`;
  const bool = pg ? sql`boolean` : sql`integer`;

  await db.schema.createTable('satisfaction_ratings')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('resolved_at', ts, (c) => c.notNull())
    .addColumn('requester_id', 'text')
    .addColumn('agent_id', 'text')
    .addColumn('department_id', 'integer', (c) => c.notNull())
    .addColumn('scale', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('positive', bool, (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('satisfaction_ratings_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('satisfaction_ratings_ticket_fk', ['tenant_id', 'ticket_id'], 'tickets', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('satisfaction_ratings_resolution_uq').on('satisfaction_ratings').columns(['tenant_id', 'ticket_id', 'resolved_at']).unique().execute();
  // Reports by period, and per agent by period.
  await db.schema.createIndex('satisfaction_ratings_time_idx').on('satisfaction_ratings').columns(['tenant_id', 'created_at']).execute();
  await db.schema.createIndex('satisfaction_ratings_agent_idx').on('satisfaction_ratings').columns(['tenant_id', 'agent_id', 'created_at']).execute();
}
