import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { ACTIVE_STATUSES } from '../tickets/ticket-values.ts';

/**
 * Takes the department's assignment turn: increments its counter and answers its mode and
 * round-robin cursor as they are now. The write locks the department row until the
 * transaction ends (PostgreSQL row lock; SQLite's single writer), so concurrent choices for
 * one department, from any number of instances, are made one after the other, each seeing
 * the tickets and cursor of the one before. Undefined when the department does not exist.
 */
export async function takeAssignmentTurn(db: Db, tenantId: string, departmentId: number): Promise<{ assignment_mode: string; last_assignee_id: string | null } | undefined> {
  return db.updateTable('departments')
    .set((eb) => ({ assignment_turns: eb('assignment_turns', '+', 1) }))
    .where('tenant_id', '=', tenantId).where('id', '=', departmentId)
    .returning(['assignment_mode', 'last_assignee_id'])
    .executeTakeFirst();
}

/** Writes a transferred ticket's new assignee ahead of the rest of its change (see chooseAssignee). */
export async function setTicketAssignee(db: Db, tenantId: string, ticketId: string, userId: string): Promise<void> {
  await db.updateTable('tickets').set({ assignee_id: userId }).where('tenant_id', '=', tenantId).where('id', '=', ticketId).execute();
}

export async function saveLastAssignee(db: Db, tenantId: string, departmentId: number, userId: string): Promise<void> {
  await db.updateTable('departments').set({ last_assignee_id: userId }).where('tenant_id', '=', tenantId).where('id', '=', departmentId).execute();
}

/**
 * The people automatic assignment may choose for a department: active agents
 * and admins with ticketing access who are not away and work the department (its members;
 * a department without members is worked by everyone not limited to departments).
 */
export async function listEligibleAssignees(db: Db, tenantId: string, departmentId: number): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('users').select(['id', 'name'])
    .where('tenant_id', '=', tenantId).where('role', 'in', ['agent', 'admin'])
    .where('is_active', '=', true).where('can_access_ticketing', '=', true).where('is_away', '=', false)
    .where((eb) => {
      const members = () => eb.selectFrom('department_members').select(sql`1`.as('one'))
        .where('department_members.tenant_id', '=', tenantId).where('department_members.department_id', '=', departmentId);
      return eb.or([
        eb.exists(members().whereRef('department_members.user_id', '=', 'users.id')),
        eb.and([eb('restricted_to_departments', '=', false), eb.not(eb.exists(members()))]),
      ]);
    })
    .execute();
}

/** Open tickets (new, open, pending, on hold) per person, across the tenant; absent means none. */
export async function countOpenTicketsOf(db: Db, tenantId: string, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('tickets').select((eb) => ['assignee_id', eb.fn.countAll<number | string>().as('n')])
    .where('tenant_id', '=', tenantId).where('assignee_id', 'in', userIds).where('status', 'in', [...ACTIVE_STATUSES])
    .groupBy('assignee_id').execute();
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}
