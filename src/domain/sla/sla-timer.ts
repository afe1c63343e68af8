/**
 * A ticket's SLA timer: one durable job (`sla.check_ticket`) at its next mark, the earliest
 * near-breach or breach instant not yet checked (the ticket's `sla_next_check_at`). The job
 * raises what is due and queues the timer of the mark after it (check-ticket-sla.ts), so a
 * ticket holds one pending timer job, not one per mark. The unique key holds the ticket and
 * the instant: however many instances or recomputations ask for the same mark, one job fires
 * for it, and a recomputed mark gets a job of its own (the old one finds nothing due and
 * queues the next mark, which is the same key as the new one's chain). The 5-minute sweep
 * (sweep-sla.task.ts) reads sla_next_check_at too, so a lost chain is picked up.
 */
import { insertJobs } from '../../jobs/jobs.repo.ts';
import type { Ctx } from '../shared/context.ts';
import { afterCommit } from '../shared/transaction.ts';

export const SLA_CHECK_TASK = 'sla.check_ticket';

/** Queues the timer of a ticket's next mark (none when `at` is null); a mark already past runs at once. */
export async function queueSlaTimer(tx: Ctx, ticketId: string, at: string | null): Promise<void> {
  if (at === null) return;
  const runAt = new Date(at);
  await insertJobs(tx.db, [{ tenantId: tx.tenantId, name: SLA_CHECK_TASK, payload: { ticketId }, runAt, uniqueKey: `sla:${ticketId}:${runAt.toISOString()}` }]);
  if (runAt.getTime() <= Date.now()) afterCommit(tx, tx.onJobsEnqueued);
}
