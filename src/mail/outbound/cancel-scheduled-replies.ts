/**
 * "Cancelled when the customer writes first" (seed 002's scheduled mail): a customer's
 * message on a ticket cancels every reply on it that was scheduled before and still waits,
 * with their mail. Done by Parley itself (the jobs system actor). Each cancellation is a
 * `message.schedule_cancelled` event (its author is told) and an internal line in the
 * thread: internal, because the customer never knew the reply existed.
 */
import { recordEvent } from '../../domain/events/record-event.ts';
import { nowIso } from '../../domain/shared/clock.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { inTransaction } from '../../domain/shared/transaction.ts';
import { appendMessage } from '../../domain/tickets/append-message.ts';
import type { MessageRow } from '../../domain/tickets/messages.repo.ts';
import { listWaitingScheduledReplies, updateWaitingScheduledReply } from '../../domain/tickets/scheduled-replies.repo.ts';
import { findUsersByIds } from '../../domain/users/users.repo.ts';
import { authorizeOutboundMail } from './outbound-mail.policy.ts';
import { listUnsentMailsOfMessages, updateOutboundMail } from './outbound-mails.repo.ts';

export const CUSTOMER_WROTE_FIRST = 'the customer wrote before it was sent';

/** Cancels the ticket's waiting scheduled replies older than the customer's message; how many it cancelled. */
export async function cancelScheduledReplies(ctx: Ctx, customerMessage: Pick<MessageRow, 'id' | 'ticket_id'>): Promise<number> {
  authorizeOutboundMail(ctx.actor, 'cancel');
  return inTransaction(ctx, async (tx) => {
    const at = nowIso();
    // A reply whose time has come is going out already: it stays.
    const waiting = await listWaitingScheduledReplies(tx.db, tx.tenantId, customerMessage.ticket_id, customerMessage.id, at);
    const reason = `cancelled: ${CUSTOMER_WROTE_FIRST}`;
    // Locks each row first: a notify job queueing its mail right now commits before we look for the mail.
    const cancelled = [];
    for (const r of waiting) {
      if (await updateWaitingScheduledReply(tx.db, tx.tenantId, r.message_id, { cancelled_at: at, cancel_reason: reason, updated_at: at })) cancelled.push(r);
    }
    if (cancelled.length === 0) return 0;
    const mails = await listUnsentMailsOfMessages(tx.db, tx.tenantId, cancelled.map((r) => r.message_id));
    for (const m of mails) await updateOutboundMail(tx.db, tx.tenantId, m.id, ['queued', 'held'], { status: 'cancelled', reason, updated_at: at });
    const authors = new Map((await findUsersByIds(tx.db, tx.tenantId, cancelled.map((r) => r.author_id))).map((u) => [u.id, u.name]));
    for (const r of cancelled) {
      const sendAt = new Date(r.send_at).toISOString();
      await recordEvent(tx, {
        name: 'message.schedule_cancelled', subjectType: 'ticket', subjectId: r.ticket_id,
        payload: { message_id: r.message_id, author_id: r.author_id, send_at: sendAt, reason: CUSTOMER_WROTE_FIRST, outbound_id: mails.find((m) => m.message_id === r.message_id)?.id ?? null },
      });
      await appendMessage(tx, r.ticket_id, {
        messageType: 'note', channel: 'system', authorId: null,
        body: `The reply ${authors.get(r.author_id) ?? 'an agent'} scheduled for ${sendAt} was not sent: ${CUSTOMER_WROTE_FIRST}.`,
      });
    }
    return cancelled.length;
  });
}
