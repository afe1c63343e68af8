import { getSettings } from '../settings/get-settings.ts';
import type { Ctx } from '../shared/context.ts';
import { NotFoundError, UnauthorizedError } from '../shared/errors.ts';
import { assertTicketing, canReadTicket } from './ticket.policy.ts';
import { findTicket, type TicketRow } from './tickets.repo.ts';

/** Loads a ticket through the tenant and the actor's visibility; anything else is "not found". */
export async function loadVisibleTicket(ctx: Ctx, id: string): Promise<TicketRow> {
  if (!ctx.actor) throw new UnauthorizedError();
  assertTicketing(ctx.actor);
  const ticket = await findTicket(ctx.db, ctx.tenantId, id);
  if (!ticket) throw new NotFoundError('ticket');
  const settings = await getSettings(ctx.db, ctx.tenantId);
  if (!canReadTicket(ctx.actor, ticket, { customersSeeOrganisation: settings.customers_see_organisation_tickets })) {
    throw new NotFoundError('ticket');
  }
  return ticket;
}
