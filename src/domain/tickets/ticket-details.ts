/**
 * Loads what presenting a page of tickets needs (departments, people, tags, recipients)
 * in a fixed number of queries, whatever the page size.
 */
import { listDepartments, type DepartmentRow } from '../departments/departments.repo.ts';
import { listTicketTagNames } from '../tags/tags.repo.ts';
import type { Ctx } from '../shared/context.ts';
import { findUsersByIds, type UserRow } from '../users/users.repo.ts';
import { listRecipients, type TicketRow } from './tickets.repo.ts';

export interface TicketDetails {
  departments: Map<number, DepartmentRow>;
  users: Map<string, UserRow>;
  tags: Map<string, string[]>;
  recipients: Map<string, string[]>;
}

export async function loadTicketDetails(ctx: Ctx, tickets: TicketRow[], extraUserIds: string[] = []): Promise<TicketDetails> {
  const ids = tickets.map((t) => t.id);
  const userIds = [...tickets.flatMap((t) => [t.requester_id, t.assignee_id ?? '']).filter(Boolean), ...extraUserIds];
  const [departments, users, tags, recipients] = await Promise.all([
    listDepartments(ctx.db, ctx.tenantId),
    findUsersByIds(ctx.db, ctx.tenantId, userIds),
    listTicketTagNames(ctx.db, ctx.tenantId, ids),
    listRecipients(ctx.db, ctx.tenantId, ids),
  ]);
  return {
    departments: new Map(departments.map((d) => [d.id, d])),
    users: new Map(users.map((u) => [u.id, u])),
    tags,
    recipients,
  };
}
