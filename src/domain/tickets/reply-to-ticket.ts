import { getSettings } from '../settings/get-settings.ts';
import { nowIso } from '../shared/clock.ts';
import { isStaff, type Ctx } from '../shared/context.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { appendMessage, type NewAttachment } from './append-message.ts';
import { loadVisibleTicket } from './load-visible-ticket.ts';
import type { MessageRow } from './messages.repo.ts';
import { statusTimestamps } from './status-transition.ts';
import { addSystemMessage } from './system-message.ts';
import type { Channel, Status } from './ticket-values.ts';
import { updateTicketRow } from './tickets.repo.ts';
import { recordEvent } from '../events/record-event.ts';

export interface ReplyProps {
  body: string;
  bodyHtml?: string | null;
  messageType: 'reply' | 'note';
  channel: Channel;
  timeSpent?: number | null;
  attachments?: NewAttachment[];
  /** Staff may set the status in the same step ("reply and set pending"). */
  status?: Status;
}

/**
 * Adds a reply or an internal note. A customer's reply reopens a pending or resolved
 * ticket, and a closed one as the tenant's response_to_closed_ticket_action says; the
 * first staff reply stamps first_response_at.
 */
export async function replyToTicket(ctx: Ctx, ticketId: string, props: ReplyProps): Promise<MessageRow> {
  if (!props.body.trim() && !props.bodyHtml?.trim() && !props.attachments?.length) {
    throw ValidationError.field('body', 'must not be empty');
  }
  return inTransaction(ctx, async (tx) => {
    const t = await loadVisibleTicket(tx, ticketId);
    const actor = tx.actor!;
    const staff = isStaff(actor);
    if (!staff && props.messageType === 'note') throw new ForbiddenError('Customers cannot write internal notes.');
    if (!staff && props.status) throw new ForbiddenError('Customers cannot set the status while replying.');

    let status: Status | undefined = props.status;
    if (!staff && t.status === 'closed') {
      const settings = await getSettings(tx.db, tx.tenantId);
      if (settings.response_to_closed_ticket_action === 'create_new_ticket') {
        throw new ConflictError('This ticket is closed; open a new ticket instead.');
      }
      status = 'open';
    } else if (!staff && (t.status === 'pending' || t.status === 'resolved')) {
      status = 'open';
    } else if (staff && props.messageType === 'reply' && !status && t.status === 'new') {
      status = 'open';
    }

    const message = await appendMessage(tx, t.id, {
      messageType: props.messageType, body: props.body, bodyHtml: props.bodyHtml,
      authorId: actor.id, channel: props.channel, timeSpent: props.timeSpent, attachments: props.attachments,
    });
    const now = nowIso();
    const firstResponse = staff && props.messageType === 'reply' && !t.first_response_at && t.requester_id !== actor.id;
    const statusChanged = status !== undefined && status !== t.status;
    await updateTicketRow(tx.db, tx.tenantId, t.id, {
      updated_at: now,
      ...(firstResponse && { first_response_at: now }),
      ...(statusChanged && { status, ...statusTimestamps(t.status, status!, now, t) }),
    });
    if (statusChanged) {
      await addSystemMessage(tx, t.id, `Status changed from ${t.status} to ${status} by ${actor.name}.`);
      await recordEvent(tx, { name: 'ticket.updated', subjectType: 'ticket', subjectId: t.id, payload: { number: t.number, changes: { status: { old: t.status, new: status } } } });
    }
    return message;
  });
}
