import { getSettings } from '../settings/get-settings.ts';
import type { Ctx } from '../shared/context.ts';
import { loadVisibleTicket } from './load-visible-ticket.ts';
import { listMessages } from './messages.repo.ts';
import { presentThreadMessages, visibleThreadMessages } from './thread-messages.ts';
import { loadTicketDetails } from './ticket-details.ts';
import { presentTicket } from './ticket.presenter.ts';
import { canReadNotes } from './ticket.policy.ts';

/**
 * A ticket with its thread, as the actor may see it: customers never see internal notes,
 * nor a scheduled reply before it is published at its send time (staff see it, marked
 * `scheduled`). The page size of the timeline follows seed 002 (see below); the whole
 * thread, newest first, in pages: `listTicketMessages`.
 */
export async function getTicketThread(ctx: Ctx, ticketId: string) {
  const ticket = await loadVisibleTicket(ctx, ticketId);
  const settings = await getSettings(ctx.db, ctx.tenantId);
  const listed = await listMessages(ctx.db, ctx.tenantId, ticket.id, {
    includeNotes: canReadNotes(ctx.actor),
    // Seed 002, as written: 100 per page unless load_full_timeline, then timeline_items_per_page.
    limit: settings.load_full_timeline ? settings.timeline_items_per_page : 100,
  });
  const visible = await visibleThreadMessages(ctx, listed);
  const authors = visible.messages.map((m) => m.author_id).filter((id): id is string => !!id);
  const details = await loadTicketDetails(ctx, [ticket], authors);
  return { ...presentTicket(ticket, details), messages: await presentThreadMessages(ctx, visible, details) };
}
