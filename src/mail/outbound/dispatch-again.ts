/**
 * Puts an outbox row back in the queue with a fresh delivery job (its own unique key, a
 * full set of attempts): what release and retry share. Only from the given statuses, so
 * two admins acting at once cannot both win. Recorded as `outbound_mail.retried` or
 * `outbound_mail.released`, with the admin who did it.
 */
import type { Updateable } from 'kysely';
import type { OutboundMailsTable, OutboundMailStatus } from '../../db/schema.ts';
import { recordEvent } from '../../domain/events/record-event.ts';
import { insertJobs } from '../../jobs/jobs.repo.ts';
import { nowIso } from '../../domain/shared/clock.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { ConflictError, NotFoundError } from '../../domain/shared/errors.ts';
import { afterCommit, inTransaction } from '../../domain/shared/transaction.ts';
import { deliveryJob } from './delivery-job.ts';
import { authorizeOutboundMail } from './outbound-mail.policy.ts';
import { findOutboundMail, updateOutboundMail, type OutboundMailRow } from './outbound-mails.repo.ts';

/** Queues the row again if it is `from`; 409 otherwise. */
export async function dispatchAgain(ctx: Ctx, id: string, from: OutboundMailStatus, verb: 'retry' | 'release', extra: Updateable<OutboundMailsTable> = {}): Promise<OutboundMailRow> {
  authorizeOutboundMail(ctx.actor, verb);
  return inTransaction(ctx, async (tx) => {
    const row = await findOutboundMail(tx.db, tx.tenantId, id);
    if (!row) throw new NotFoundError('outbound mail');
    const dispatch = row.dispatches + 1;
    const changed = await updateOutboundMail(tx.db, tx.tenantId, id, [from], {
      status: 'queued', reason: null, dispatches: dispatch, updated_at: nowIso(), ...extra,
    });
    if (!changed) throw new ConflictError(`Only a ${from} mail can be ${verb}d; this one is ${row.status}.`);
    const sendAt = new Date(row.send_at);
    await insertJobs(tx.db, [deliveryJob(tx.tenantId, id, dispatch, sendAt > new Date() ? sendAt : new Date())]);
    await recordEvent(tx, {
      name: verb === 'retry' ? 'outbound_mail.retried' : 'outbound_mail.released', subjectType: 'outbound_mail', subjectId: id,
      payload: { ticket_id: row.ticket_id, message_id: row.message_id, kind: row.kind, previous_status: row.status },
    });
    afterCommit(tx, tx.onJobsEnqueued);
    return (await findOutboundMail(tx.db, tx.tenantId, id))!;
  });
}
