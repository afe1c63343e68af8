import { listAttachmentsOfMessages } from '../attachments/attachments.repo.ts';
import { getSettings } from '../settings/get-settings.ts';
import { isStaff, type Ctx } from '../shared/context.ts';
import { loadVisibleTicket } from './load-visible-ticket.ts';
import { listMessages } from './messages.repo.ts';
import { loadMessageDeliveries, type MessageDelivery } from './message-deliveries.repo.ts';
import { listScheduledRepliesOf, type ScheduledReplyRow } from './scheduled-replies.repo.ts';
import { loadTicketDetails } from './ticket-details.ts';
import { presentMessage, presentTicket } from './ticket.presenter.ts';
import { canReadNotes } from './ticket.policy.ts';

/**
 * A ticket with its thread, as the actor may see it: customers never see internal notes,
 * nor a scheduled reply before it is published at its send time (staff see it, marked
 * `scheduled`). The page size of the timeline follows seed 002 (see below).
 */
export async function getTicketThread(ctx: Ctx, ticketId: string) {
  const ticket = await loadVisibleTicket(ctx, ticketId);
  const settings = await getSettings(ctx.db, ctx.tenantId);
  const staff = isStaff(ctx.actor);
  const listed = await listMessages(ctx.db, ctx.tenantId, ticket.id, {
    includeNotes: canReadNotes(ctx.actor),
    // Seed 002, as written: 100 per page unless load_full_timeline, then timeline_items_per_page.
    limit: settings.load_full_timeline ? settings.timeline_items_per_page : 100,
  });
  const scheduled = await listScheduledRepliesOf(ctx.db, ctx.tenantId, listed.map((m) => m.id));
  const messages = staff ? listed : listed.filter((m) => scheduled.get(m.id)?.published_at !== null);
  const authors = messages.map((m) => m.author_id).filter((id): id is string => !!id);
  const [details, attachments, deliveries] = await Promise.all([
    loadTicketDetails(ctx, [ticket], authors),
    listAttachmentsOfMessages(ctx.db, ctx.tenantId, messages.map((m) => m.id)),
    loadMessageDeliveries(ctx.db, ctx.tenantId, messages.map((m) => m.id), staff),
  ]);
  return {
    ...presentTicket(ticket, details),
    messages: messages.map((m) => ({ ...presentMessage(m, details, attachments.get(m.id) ?? []), delivery: deliveries.get(m.id) ?? waiting(scheduled.get(m.id)) })),
  };
}

/** A scheduled reply whose mail is not in the outbox yet (its notify job is about to run), or was cancelled before. */
function waiting(r: ScheduledReplyRow | undefined): MessageDelivery | null {
  if (!r || r.published_at) return null;
  return { status: r.cancelled_at ? 'cancelled' : 'scheduled', recipients: [], sent_at: null, error: r.cancel_reason, send_at: r.cancelled_at ? null : new Date(r.send_at).toISOString() };
}
