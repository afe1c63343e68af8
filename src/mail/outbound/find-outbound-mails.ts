/** The outbox as people read it: a filtered page, or one row (admins: all; agents: their scheduled replies). */
import { nowIso } from '../../domain/shared/clock.ts';
import { getSettings } from '../../domain/settings/get-settings.ts';
import { isPerson, type Ctx } from '../../domain/shared/context.ts';
import { visibleTickets } from '../../domain/tickets/ticket.policy.ts';
import { loadOutboundMail } from './load-outbound-mail.ts';
import { outboundMailScope } from './outbound-mail.policy.ts';
import { listOutboundMails, type OutboundMailFilter, type OutboundMailRow } from './outbound-mails.repo.ts';

/** A page of the outbox, newest first, as the policy's list filter allows. */
export async function findOutboundMails(ctx: Ctx, f: Omit<OutboundMailFilter, 'scheduledBy' | 'ticketVisible'>): Promise<OutboundMailRow[]> {
  const scope = outboundMailScope(ctx.actor);
  if (scope === 'all' || !isPerson(ctx.actor)) return listOutboundMails(ctx.db, ctx.tenantId, f, nowIso());
  // Agents: their scheduled replies, on tickets they can still see (the same rule as loadOutboundMail).
  const settings = await getSettings(ctx.db, ctx.tenantId);
  const ticketVisible = visibleTickets(ctx.actor, { customersSeeOrganisation: settings.customers_see_organisation_tickets });
  return listOutboundMails(ctx.db, ctx.tenantId, { ...f, scheduledBy: scope.scheduledBy, ticketVisible }, nowIso());
}

/** One row, or 404. */
export async function findOneOutboundMail(ctx: Ctx, id: string): Promise<OutboundMailRow> {
  return (await loadOutboundMail(ctx, id, 'read')).row;
}
