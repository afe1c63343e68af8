/**
 * Changes when a scheduled mail goes out (PATCH send_at): its delivery job, and for a
 * scheduled reply the moment the customer sees it, move with it. Only while it is queued
 * and its time is more than RESCHEDULE_GUARD_MS away: closer than that a worker may be
 * sending it, so the change is refused (409) rather than risk a second copy. If a worker
 * holds its job at this very moment (no pending job to move), the change is refused too:
 * a scheduled mail goes at most once, and never later than the time it was given.
 */
import { recordEvent } from '../../domain/events/record-event.ts';
import { nowIso } from '../../domain/shared/clock.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { ConflictError } from '../../domain/shared/errors.ts';
import { afterCommit, inTransaction } from '../../domain/shared/transaction.ts';
import { publishJobKey } from '../../domain/tickets/publish-scheduled-reply.task.ts';
import { checkSendAt } from '../../domain/tickets/schedule-reply.ts';
import { updateWaitingScheduledReply } from '../../domain/tickets/scheduled-replies.repo.ts';
import { DELIVER_TASK } from './delivery-job.ts';
import { loadOutboundMail } from './load-outbound-mail.ts';
import { findOutboundMail, movePendingJobs, updateScheduledOutboundMail, type OutboundMailRow } from './outbound-mails.repo.ts';

/** Within this much of its send time a scheduled mail can no longer be changed (allows for clock skew between instances). */
export const RESCHEDULE_GUARD_MS = 10_000;

/** Sets a new send_at (ISO 8601 with offset, in the future, at most a year ahead); admins, or the agent who scheduled the reply. */
export async function rescheduleOutboundMail(ctx: Ctx, id: string, sendAtInput: string): Promise<OutboundMailRow> {
  const sendAt = checkSendAt(sendAtInput);
  return inTransaction(ctx, async (tx) => {
    const { row, scheduled } = await loadOutboundMail(tx, id, 'reschedule');
    const refused = () => new ConflictError(`Only a scheduled mail more than ${RESCHEDULE_GUARD_MS / 1000} seconds from its send time can be changed; this one is ${presentStatus(row)}.`);
    const at = nowIso();
    const guard = new Date(Date.now() + RESCHEDULE_GUARD_MS).toISOString();
    if (!(await updateScheduledOutboundMail(tx.db, tx.tenantId, id, guard, { send_at: sendAt, updated_at: at }))) throw refused();
    if (scheduled && !(await updateWaitingScheduledReply(tx.db, tx.tenantId, scheduled.message_id, { send_at: sendAt, updated_at: at }))) throw refused();
    const busy = () => new ConflictError('A worker is handling this mail right now; try again in a moment.');
    if ((await movePendingJobs(tx.db, tx.tenantId, `${DELIVER_TASK}:${id}:%`, sendAt)) === 0) throw busy();
    if (scheduled && (await movePendingJobs(tx.db, tx.tenantId, publishJobKey(scheduled.message_id), sendAt)) === 0) throw busy();
    await recordEvent(tx, {
      name: 'outbound_mail.rescheduled', subjectType: 'outbound_mail', subjectId: id,
      payload: { ticket_id: row.ticket_id, message_id: row.message_id, kind: row.kind, old_send_at: new Date(row.send_at).toISOString(), new_send_at: sendAt },
    });
    afterCommit(tx, tx.onJobsEnqueued);
    return (await findOutboundMail(tx.db, tx.tenantId, id))!;
  });
}

const presentStatus = (r: OutboundMailRow): string => (r.status === 'queued' && new Date(r.send_at) > new Date() ? 'about to be sent' : r.status);
