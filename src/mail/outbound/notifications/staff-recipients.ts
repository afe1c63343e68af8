import { listDepartmentMembers } from '../../../domain/departments/departments.repo.ts';
import { findUserById, findUsersByIds, type UserRow } from '../../../domain/users/users.repo.ts';
import type { TicketScope } from './ticket-scope.ts';

const isActiveStaff = (u: UserRow | undefined): u is UserRow => !!u && u.role !== 'customer' && Boolean(u.is_active);

/** The active agents and admins who are members of a department. */
export async function departmentAgents(s: TicketScope, departmentId: number): Promise<UserRow[]> {
  const members = await listDepartmentMembers(s.ctx.db, s.ctx.tenantId, [departmentId]);
  const users = await findUsersByIds(s.ctx.db, s.ctx.tenantId, members.map((m) => m.user_id));
  return users.filter(isActiveStaff).sort((a, b) => a.email.localeCompare(b.email));
}

/** Who hears of a ticket's news: its assignee, or the department's agents while it has none; never the person who caused it. */
export async function assigneeOrDepartment(s: TicketScope, actorId: string | null): Promise<UserRow[]> {
  const assignee = s.ticket.assignee_id ? await findUserById(s.ctx.db, s.ctx.tenantId, s.ticket.assignee_id) : undefined;
  const people = isActiveStaff(assignee) ? [assignee] : await departmentAgents(s, s.department.id);
  return people.filter((u) => u.id !== actorId);
}

export { isActiveStaff };
