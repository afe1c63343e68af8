import { recordEvent } from '../../domain/events/record-event.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/shared/errors.ts';
import { afterCommit, inTransaction } from '../../domain/shared/transaction.ts';
import { insertJobs } from '../../jobs/jobs.repo.ts';
import { inboundRawExists } from '../../domain/mailboxes/inbound-admin.repo.ts';
import { findInbound, transitionInbound, type InboundRow } from './inbound.repo.ts';
import { PROCESS_TASK } from './receive-message.ts';

/** The outcomes an admin may send back through the pipeline, e.g. after adding a missing queue address. */
const REPROCESSABLE = ['quarantined', 'rejected', 'dropped'] as const;

/**
 * Puts a received message back to `received` and queues its processing again (admins
 * only). The job's unique key is new each time: the first job's key is still taken.
 */
export async function reprocessInbound(ctx: Ctx, id: string): Promise<InboundRow> {
  if (ctx.actor && ctx.actor.role !== 'admin') throw new ForbiddenError('Only admins can reprocess received mail.');
  return inTransaction(ctx, async (tx) => {
    const inbound = await findInbound(tx.db, tx.tenantId, id);
    if (!inbound) throw new NotFoundError('received message');
    if (!(REPROCESSABLE as readonly string[]).includes(inbound.status)) {
      throw new ConflictError(`Only a quarantined, rejected or dropped message can be reprocessed; this one is ${inbound.status}.`);
    }
    if (!(await inboundRawExists(tx.db, tx.tenantId, id))) throw new ConflictError('The raw message is gone; it cannot be reprocessed.');
    // The status condition makes two concurrent reprocess requests queue one job, not two.
    if (!(await transitionInbound(tx.db, tx.tenantId, id, [...REPROCESSABLE], { status: 'received', reason: null, processed_at: null, ticket_id: null }))) {
      throw new ConflictError('The message changed meanwhile; reload it.');
    }
    const at = new Date().toISOString();
    await insertJobs(tx.db, [{ tenantId: tx.tenantId, name: PROCESS_TASK, payload: { inboundId: id }, maxAttempts: 3, uniqueKey: `${PROCESS_TASK}:${id}:${at}` }]);
    await recordEvent(tx, { name: 'inbound.reprocessed', subjectType: 'inbound_message', subjectId: id, payload: { previous_status: inbound.status, previous_reason: inbound.reason } });
    afterCommit(tx, tx.onJobsEnqueued);
    return (await findInbound(tx.db, tx.tenantId, id))!;
  });
}
