/**
 * Turning stored messages into the thread's entries, shared by the ticket with its thread
 * and the paged messages list: customers never get a scheduled reply before it is
 * published; staff see it marked `scheduled`.
 */
import { listAttachmentsOfMessages } from '../attachments/attachments.repo.ts';
import { isStaff, type Ctx } from '../shared/context.ts';
import { loadMessageDeliveries, type MessageDelivery } from './message-deliveries.repo.ts';
import type { MessageRow } from './messages.repo.ts';
import { listScheduledRepliesOf, type ScheduledReplyRow } from './scheduled-replies.repo.ts';
import type { TicketDetails } from './ticket-details.ts';
import { presentMessage } from './ticket.presenter.ts';

/** The listed messages the actor may see, with the scheduling state of each. */
export async function visibleThreadMessages(ctx: Ctx, listed: MessageRow[]) {
  const scheduled = await listScheduledRepliesOf(ctx.db, ctx.tenantId, listed.map((m) => m.id));
  const messages = isStaff(ctx.actor) ? listed : listed.filter((m) => scheduled.get(m.id)?.published_at !== null);
  return { messages, scheduled };
}

/** The thread entries of visible messages: attachments and mail delivery state in a fixed number of queries. */
export async function presentThreadMessages(ctx: Ctx, visible: Awaited<ReturnType<typeof visibleThreadMessages>>, details: Pick<TicketDetails, 'users'>) {
  const { messages, scheduled } = visible;
  const ids = messages.map((m) => m.id);
  const [attachments, deliveries] = await Promise.all([
    listAttachmentsOfMessages(ctx.db, ctx.tenantId, ids),
    loadMessageDeliveries(ctx.db, ctx.tenantId, ids, isStaff(ctx.actor)),
  ]);
  return messages.map((m) => ({ ...presentMessage(m, details, attachments.get(m.id) ?? []), delivery: deliveries.get(m.id) ?? waiting(scheduled.get(m.id)) }));
}

/** A scheduled reply whose mail is not in the outbox yet (its notify job is about to run), or was cancelled before. */
function waiting(r: ScheduledReplyRow | undefined): MessageDelivery | null {
  if (!r || r.published_at) return null;
  return { status: r.cancelled_at ? 'cancelled' : 'scheduled', recipients: [], sent_at: null, error: r.cancel_reason, send_at: r.cancelled_at ? null : new Date(r.send_at).toISOString() };
}
