import { nowIso } from '../shared/clock.ts';
import { findMentions } from '../user-notifications/find-mentions.ts';
import { insertMessageMentions } from '../user-notifications/mentions.repo.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError } from '../shared/errors.ts';
import { appendMessage, type NewAttachment, type NewMessage } from './append-message.ts';
import type { MessageRow } from './messages.repo.ts';
import { recordTicketChanges } from './record-ticket-changes.ts';
import { statusTimestamps } from './status-transition.ts';
import { addSystemMessage } from './system-message.ts';
import type { Channel, Status } from './ticket-values.ts';
import { updateTicketRow, type TicketRow } from './tickets.repo.ts';
import { refreshTicketSla } from '../sla/apply-ticket-sla.ts';
import { recordResolutionConfirmed } from '../resolution/confirm-resolution.ts';

export interface RecordReplyProps {
  author: { id: string; name: string; staff: boolean };
  body: string;
  bodyHtml?: string | null;
  messageType: 'reply' | 'note';
  channel: Channel;
  timeSpent?: number | null;
  attachments?: NewAttachment[];
  quotedText?: string | null;
  email?: NewMessage['email'];
  /** A status the staff author sets with the reply. */
  status?: Status;
  /** What a customer's reply to a closed ticket does (response_to_closed_ticket_action). */
  reopenClosed: boolean;
  /** A customer's answer that confirms the resolution (mail: confirm-resolution step): a resolved ticket closes instead of reopening. */
  confirmsResolution?: boolean;
  /** The reply goes out later (schedule-reply.ts). */
  scheduled?: boolean;
}

/**
 * The rules of a reply, whatever its channel (API, web, email): a customer's reply
 * reopens a pending or resolved ticket, and a closed one when the tenant says so; staff
 * replies stamp first_response_at and move a new ticket to open. Runs in the caller's
 * transaction; the caller has checked who may write to the ticket.
 */
export async function recordReply(tx: Ctx, t: TicketRow, p: RecordReplyProps): Promise<MessageRow> {
  let status: Status | undefined = p.author.staff ? p.status : undefined;
  if (!p.author.staff && t.status === 'closed') {
    if (!p.reopenClosed) throw new ConflictError('This ticket is closed; open a new ticket instead.');
    status = 'open';
  } else if (!p.author.staff && t.status === 'resolved' && p.confirmsResolution) {
    status = 'closed';
  } else if (!p.author.staff && (t.status === 'pending' || t.status === 'resolved')) {
    status = 'open';
  } else if (p.author.staff && p.messageType === 'reply' && !status && t.status === 'new') {
    status = 'open';
  }
  const message = await appendMessage(tx, t.id, {
    messageType: p.messageType, body: p.body, bodyHtml: p.bodyHtml, authorId: p.author.id, channel: p.channel,
    timeSpent: p.timeSpent, attachments: p.attachments, quotedText: p.quotedText, email: p.email, scheduled: p.scheduled,
  });
  // @mentions count in internal notes only (docs/notifications.md); notify.note_created tells them.
  if (p.messageType === 'note') await insertMessageMentions(tx.db, tx.tenantId, message.id, await findMentions(tx.db, tx.tenantId, message.body));
  const now = nowIso();
  const firstResponse = p.author.staff && p.messageType === 'reply' && !t.first_response_at && t.requester_id !== p.author.id;
  const statusChanged = status !== undefined && status !== t.status;
  await updateTicketRow(tx.db, tx.tenantId, t.id, {
    updated_at: now,
    ...(firstResponse && { first_response_at: now }),
    ...(statusChanged && { status, ...statusTimestamps(t.status, status!, now, t) }),
    // The first reply stops the first-response clock; a status change may pause or resume the clocks (docs/sla.md).
    ...(await refreshTicketSla(tx, t, { ...(firstResponse && { first_response_at: now }), ...(statusChanged && { status }) }, now)),
  });
  if (statusChanged && status) {
    await addSystemMessage(tx, t.id, `Status changed from ${t.status} to ${status} by ${p.author.name}.`);
    await recordTicketChanges(tx, t, { status: { old: t.status, new: status } });
    if (status === 'closed' && p.confirmsResolution) await recordResolutionConfirmed(tx, t, 'mail');
  }
  return message;
}
