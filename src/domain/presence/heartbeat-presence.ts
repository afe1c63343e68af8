import type { Ctx } from '../shared/context.ts';
import { loadVisibleTicket } from '../tickets/load-visible-ticket.ts';
import { authorizePresence } from './presence.policy.ts';
import { deleteExpiredPresence, listPresentOthers, upsertPresence, type PresenceState, type PresentPerson } from './presence.repo.ts';

/** How long one heartbeat counts: a tab that stops beating (closed, asleep, offline) is gone after this. */
export const PRESENCE_TTL_SECONDS = 45;

/**
 * A staff member says they are on a ticket (viewing it, or writing a reply or note) and
 * learns who else is. Each call refreshes their row for PRESENCE_TTL_SECONDS and sweeps
 * the tenant's expired rows, so closed tabs leave no trace for long. Presence is
 * ephemeral: no event, no audit entry.
 */
export async function heartbeatPresence(ctx: Ctx, ticketId: string, state: PresenceState): Promise<PresentPerson[]> {
  authorizePresence(ctx.actor);
  const ticket = await loadVisibleTicket(ctx, ticketId);
  const at = new Date();
  const now = at.toISOString();
  const expiresAt = new Date(at.getTime() + PRESENCE_TTL_SECONDS * 1000).toISOString();
  await deleteExpiredPresence(ctx.db, ctx.tenantId, now);
  await upsertPresence(ctx.db, ctx.tenantId, { ticketId: ticket.id, userId: ctx.actor.id, state, now, expiresAt });
  return listPresentOthers(ctx.db, ctx.tenantId, ticket.id, ctx.actor.id, now);
}
