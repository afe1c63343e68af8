/**
 * Cancels a mail not yet sent (queued, scheduled or held). The row stays, with who
 * cancelled it; its job finds it cancelled and sends nothing. A scheduled reply's message
 * is cancelled with it: the customer never sees it. Recorded as `outbound_mail.cancelled`
 * (and `message.schedule_cancelled` for a scheduled reply), with the actor.
 */
import { recordEvent } from '../../domain/events/record-event.ts';
import { nowIso } from '../../domain/shared/clock.ts';
import { isPerson, type Ctx } from '../../domain/shared/context.ts';
import { ConflictError } from '../../domain/shared/errors.ts';
import { inTransaction } from '../../domain/shared/transaction.ts';
import { updateWaitingScheduledReply } from '../../domain/tickets/scheduled-replies.repo.ts';
import { loadOutboundMail } from './load-outbound-mail.ts';
import { findOutboundMail, updateOutboundMail, type OutboundMailRow } from './outbound-mails.repo.ts';

/** Admins any unsent mail; agents their own scheduled replies; Parley itself (jobs) too. */
export async function cancelOutboundMail(ctx: Ctx, id: string): Promise<OutboundMailRow> {
  return inTransaction(ctx, async (tx) => {
    const { row, scheduled } = await loadOutboundMail(tx, id, 'cancel');
    const at = nowIso();
    const reason = `cancelled by ${isPerson(tx.actor) ? tx.actor.email : 'the system'}`;
    const changed = await updateOutboundMail(tx.db, tx.tenantId, id, ['queued', 'held'], { status: 'cancelled', reason, updated_at: at });
    if (!changed) throw new ConflictError(`Only a queued, scheduled or held mail can be cancelled; this one is ${row.status}.`);
    const facts = { ticket_id: row.ticket_id, message_id: row.message_id, kind: row.kind, previous_status: row.status };
    await recordEvent(tx, { name: 'outbound_mail.cancelled', subjectType: 'outbound_mail', subjectId: id, payload: facts });
    if (scheduled && (await updateWaitingScheduledReply(tx.db, tx.tenantId, scheduled.message_id, { cancelled_at: at, cancel_reason: reason, updated_at: at }))) {
      await recordEvent(tx, {
        name: 'message.schedule_cancelled', subjectType: 'ticket', subjectId: scheduled.ticket_id,
        payload: { message_id: scheduled.message_id, author_id: scheduled.author_id, send_at: new Date(scheduled.send_at).toISOString(), reason, outbound_id: id },
      });
    }
    return (await findOutboundMail(tx.db, tx.tenantId, id))!;
  });
}
