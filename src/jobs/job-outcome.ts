/**
 * What a run decided for its job (done, failed with or without a retry, deferred), and
 * how it is written back. The worker keeps an outcome until the database has taken it,
 * so a database outage never loses one.
 */
import type { Db } from '../db/client.ts';
import { isTransientDatabaseError } from '../db/transient-errors.ts';
import { DeferJob } from './defer-job.ts';
import { completeJobs, deferJob, failJob, type ClaimedJob } from './jobs.repo.ts';
import { retryDelayMs, unavailableRetryDelayMs } from './retry-delay.ts';

export type Outcome = (
  | { kind: 'done' }
  | { kind: 'failed'; error: string; retryAt: Date | null }
  | { kind: 'deferred'; runAt: Date; reason: string }
) & {
  /** Decided because the database failed: recording it proves nothing about the storage. */
  unavailable?: boolean;
};

/** The outcome of a task that threw: deferred, retried soon (database unavailable), retried with backoff, or failed for good. */
export function outcomeOfError(job: ClaimedJob, hasTask: boolean, err: unknown): Outcome {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof DeferJob) return { kind: 'deferred', runAt: new Date(Date.now() + err.delayMs), reason: err.message };
  if (isTransientDatabaseError(err)) {
    const retryAt = job.attempts < job.maxAttempts ? new Date(Date.now() + unavailableRetryDelayMs(job.attempts)) : null;
    return { kind: 'failed', error: `the database was unavailable: ${message}`, retryAt, unavailable: true };
  }
  const retryAt = hasTask && job.attempts < job.maxAttempts ? new Date(Date.now() + retryDelayMs(job.attempts)) : null;
  return { kind: 'failed', error: message, retryAt };
}

/** Writes an outcome to the job row (only while this worker still holds it). */
export async function recordOutcome(db: Db, workerId: string, id: number, outcome: Outcome): Promise<void> {
  if (outcome.kind === 'done') await completeJobs(db, [id], workerId);
  else if (outcome.kind === 'deferred') await deferJob(db, id, workerId, outcome.runAt, outcome.reason);
  else await failJob(db, id, workerId, outcome.error, outcome.retryAt);
}
