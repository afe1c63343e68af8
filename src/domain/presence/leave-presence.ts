import type { Ctx } from '../shared/context.ts';
import { loadVisibleTicket } from '../tickets/load-visible-ticket.ts';
import { authorizePresence } from './presence.policy.ts';
import { deletePresence } from './presence.repo.ts';

/** A staff member left the ticket (closed it, went elsewhere): the others stop seeing them at once. */
export async function leavePresence(ctx: Ctx, ticketId: string): Promise<void> {
  authorizePresence(ctx.actor);
  const ticket = await loadVisibleTicket(ctx, ticketId);
  await deletePresence(ctx.db, ctx.tenantId, ticket.id, ctx.actor.id);
}
