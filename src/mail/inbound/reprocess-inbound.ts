import { recordEvent } from '../../domain/events/record-event.ts';
import { actorId, type Ctx } from '../../domain/shared/context.ts';
import { ConflictError, NotFoundError } from '../../domain/shared/errors.ts';
import { authorizeInboundMessage } from '../../domain/mailboxes/inbound-message.policy.ts';
import { afterCommit, inTransaction } from '../../domain/shared/transaction.ts';
import { insertJobs } from '../../jobs/jobs.repo.ts';
import { inboundRawExists } from '../../domain/mailboxes/inbound-admin.repo.ts';
import { findInbound, transitionInbound, type InboundRow, type InboundStatus } from './inbound.repo.ts';
import { PROCESS_TASK } from './receive-message.ts';

/** The outcomes an admin may send back through the pipeline, e.g. after adding a missing queue address. */
const REPROCESSABLE: InboundStatus[] = ['quarantined', 'rejected', 'dropped', 'ignored'];
/** The outcomes an admin may overrule as "this is a customer's mail": those of the automatic-mail verdict. */
const ACCEPTABLE: InboundStatus[] = ['ignored', 'dropped'];

export interface ReprocessOptions {
  /** Make it a ticket (or a reply on the ticket it continues) even if it looks automatic. */
  asTicket?: boolean;
}

/**
 * Puts a received message back to `received` and queues its processing again (admins
 * only). With `asTicket` (the "accept" action) the pipeline skips the automatic-mail and
 * bounce verdict for it, and who decided so is kept on the message and in the audit log.
 * The job's unique key is new each time: the first job's key is still taken.
 */
export async function reprocessInbound(ctx: Ctx, id: string, opts: ReprocessOptions = {}): Promise<InboundRow> {
  const verb = opts.asTicket ? 'accept' : 'reprocess';
  authorizeInboundMessage(ctx.actor, verb);
  const allowed = opts.asTicket ? ACCEPTABLE : REPROCESSABLE;
  return inTransaction(ctx, async (tx) => {
    const inbound = await findInbound(tx.db, tx.tenantId, id);
    if (!inbound) throw new NotFoundError('received message');
    if (!allowed.includes(inbound.status as InboundStatus)) {
      throw new ConflictError(`Only a message that is ${allowed.join(', ')} can be ${verb}ed; this one is ${inbound.status}.`);
    }
    if (!(await inboundRawExists(tx.db, tx.tenantId, id))) throw new ConflictError(`The raw message is gone; it cannot be ${verb}ed.`);
    // The next run writes its own trace; until then the old one would explain an outcome that is gone.
    const changes = { status: 'received', reason: null, processed_at: null, ticket_id: null, trace: null, ...(opts.asTicket ? { accepted_by: actorId(ctx.actor) ?? 'system' } : {}) };
    // The status condition makes two concurrent requests queue one job, not two.
    if (!(await transitionInbound(tx.db, tx.tenantId, id, allowed, changes))) {
      throw new ConflictError('The message changed meanwhile; reload it.');
    }
    const at = new Date().toISOString();
    await insertJobs(tx.db, [{ tenantId: tx.tenantId, name: PROCESS_TASK, payload: { inboundId: id }, maxAttempts: 3, uniqueKey: `${PROCESS_TASK}:${id}:${at}` }]);
    await recordEvent(tx, {
      name: opts.asTicket ? 'inbound.accepted' : 'inbound.reprocessed', subjectType: 'inbound_message', subjectId: id,
      payload: { previous_status: inbound.status, previous_reason: inbound.reason, subject: inbound.subject, from: inbound.from_address },
    });
    afterCommit(tx, tx.onJobsEnqueued);
    return (await findInbound(tx.db, tx.tenantId, id))!;
  });
}
