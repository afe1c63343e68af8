import { getSettings } from '../settings/get-settings.ts';
import { isSystem, requirePerson, type Ctx } from '../shared/context.ts';
import { NotFoundError } from '../shared/errors.ts';
import { assertTicketing, canReadTicket } from './ticket.policy.ts';
import { findTicket, type TicketRow } from './tickets.repo.ts';

/**
 * Loads a ticket through the tenant and the actor's visibility; anything else is "not found".
 * Parley itself (mail, jobs) sees every ticket of the tenant.
 */
export async function loadVisibleTicket(ctx: Ctx, id: string): Promise<TicketRow> {
  const actor = isSystem(ctx.actor) ? null : requirePerson(ctx.actor);
  if (actor) assertTicketing(actor);
  const ticket = await findTicket(ctx.db, ctx.tenantId, id);
  if (!ticket) throw new NotFoundError('ticket');
  if (!actor) return ticket;
  const settings = await getSettings(ctx.db, ctx.tenantId);
  if (!canReadTicket(actor, ticket, { customersSeeOrganisation: settings.customers_see_organisation_tickets })) {
    throw new NotFoundError('ticket');
  }
  return ticket;
}
