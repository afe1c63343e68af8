import { findJob, retryJob, type JobSummary } from '../../jobs/jobs.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError, NotFoundError } from '../shared/errors.ts';
import { afterCommit, inTransaction } from '../shared/transaction.ts';
import { authorizeJob } from './job.policy.ts';

/** Sends a job that ran out of attempts back to the queue (admins), and audits who did. */
export async function retryFailedJob(ctx: Ctx, id: number): Promise<JobSummary> {
  authorizeJob(ctx.actor, 'retry');
  return inTransaction(ctx, async (tx) => {
    const job = await findJob(tx.db, tx.tenantId, id);
    if (!job) throw new NotFoundError('job');
    // The status condition in the update keeps two concurrent retries from both succeeding.
    if (!(await retryJob(tx.db, tx.tenantId, id))) throw new ConflictError(`Only a failed job can be retried; this one is ${job.status}.`);
    await recordEvent(tx, { name: 'job.retried', subjectType: 'job', subjectId: String(id), payload: { name: job.name, attempts: job.attempts } });
    afterCommit(tx, tx.onJobsEnqueued);
    return (await findJob(tx.db, tx.tenantId, id))!;
  });
}
