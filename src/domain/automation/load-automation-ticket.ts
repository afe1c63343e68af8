import type { Db } from '../../db/client.ts';
import { listTicketTagNames } from '../tags/tags.repo.ts';
import { findTicket } from '../tickets/tickets.repo.ts';
import { findUserById } from '../users/users.repo.ts';
import type { AutomationTicket } from './action-type.ts';

/** The ticket as triggers see it (conditions) and actions get it: its fields, tags and requester. */
export async function loadAutomationTicket(db: Db, tenantId: string, id: string): Promise<AutomationTicket | null> {
  const t = await findTicket(db, tenantId, id);
  if (!t) return null;
  const requester = await findUserById(db, tenantId, t.requester_id);
  return {
    id: t.id, number: t.number, subject: t.subject, status: t.status, priority: t.priority, department_id: t.department_id,
    assignee_id: t.assignee_id, category: t.category, channel: t.channel,
    tags: (await listTicketTagNames(db, tenantId, [t.id])).get(t.id) ?? [],
    requester: { id: t.requester_id, name: requester?.name ?? '', email: requester?.email ?? '', organisation_id: requester?.organisation_id ?? null },
  };
}
