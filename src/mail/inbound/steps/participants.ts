import type { Ctx } from '../../../domain/shared/context.ts';
import { listRecipients, type TicketRow } from '../../../domain/tickets/tickets.repo.ts';
import type { UserRow } from '../../../domain/users/users.repo.ts';

/** Whether a person takes part in a ticket: staff, its requester, assignee, or a CC'd recipient. */
export async function isParticipant(ctx: Ctx, ticket: TicketRow, user: UserRow): Promise<boolean> {
  if (user.role !== 'customer') return true;
  if (ticket.requester_id === user.id || ticket.assignee_id === user.id) return true;
  const recipients = (await listRecipients(ctx.db, ctx.tenantId, [ticket.id])).get(ticket.id) ?? [];
  return recipients.includes(user.email);
}
