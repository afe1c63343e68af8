/**
 * Automatic assignment (issue 11, docs/assignment.md).
 *
 * 1. `departments.assignment_mode`: `manual` (nobody is chosen), `round_robin` or
 *    `least_loaded`. `last_assignee_id` is the round-robin cursor: the next choice is the
 *    first eligible agent after it in id order. `assignment_turns` counts the automatic
 *    choices; incrementing it is also how a choice locks the department row, so that
 *    concurrent creates on several instances take their turns one after another.
 * 2. `users.is_away`: an agent who is away is skipped by automatic assignment (set by the
 *    agent, or by an admin).
 *
 * "Open tickets per assignee" (least-loaded) is answered by tickets_assignee_idx of
 * 001-core (tenant_id, assignee_id, status, …): no new index is needed for it.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const bool = pg ? sql`boolean` : sql`integer`;
  await db.schema.alterTable('departments')
    .addColumn('assignment_mode', 'text', (c) => c.notNull().defaultTo('manual').check(sql`assignment_mode in ('manual', 'round_robin', 'least_loaded')`))
    .execute();
  await db.schema.alterTable('departments').addColumn('last_assignee_id', 'text').execute();
  await db.schema.alterTable('departments').addColumn('assignment_turns', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('users').addColumn('is_away', bool, (c) => c.notNull().defaultTo(pg ? sql`false` : sql`0`)).execute();
}
