/**
 * `sla.recompute_policy` (docs/sla.md): after an SLA policy is created, changed or deleted,
 * the open tickets it may govern get their SLA columns and timers computed again under the
 * policies as they are now. Queued in the save's transaction, so a save is never without
 * its recompute. Each job does one batch of tickets, by id, in one transaction with the job
 * of the next batch: a crash loses nothing (the batch runs again, which changes nothing
 * twice) and no transaction holds more than BATCH tickets.
 *
 * Each ticket goes through checkTicketSla, the computation its timers run: due times and the
 * next mark from the ticket's facts and its effective policy now, breach flags kept once set
 * (a target missed stays missed), a breach or near-breach already due under the new policy
 * raised now (once per due time: a due time that moved may alert again), the timer queued
 * at the next mark after now. Resolved and closed tickets are left alone.
 *
 * A second save starts a chain of its own from the first ticket; a chain still running
 * carries on, reading the policies afresh in each batch, and the lock of sla-recompute.repo.ts
 * orders each batch wholly before or after a save. The latest save's chain runs last over
 * every ticket, so the latest policies are what stays.
 */
import { z } from 'zod';
import { defineTask } from '../../jobs/define-task.ts';
import { enqueueTask } from '../../jobs/enqueue-task.ts';
import { newId } from '../shared/clock.ts';
import { systemCtx, type Ctx, type Services } from '../shared/context.ts';
import { inTransaction } from '../shared/transaction.ts';
import { checkTicketSla } from './check-ticket-sla.ts';
import { listOpenTicketIds, lockSlaPolicies, scopeFilterOf } from './sla-recompute.repo.ts';

/** Tickets per batch (one job, one transaction). */
export const RECOMPUTE_BATCH = 500;

const payload = z.object({
  /** One per save: the chain's jobs are keyed by it and their cursor. */
  run: z.string(),
  /** The scope keys saved (`default`, `department:3`, `organisation:<id>`): a change of scope names both. */
  scopes: z.array(z.string()).min(1),
  /** The last ticket id the chain has done; null at the start. */
  after: z.string().nullable(),
});
export type RecomputePayload = z.infer<typeof payload>;

const keyOf = (p: RecomputePayload) => `sla-recompute:${p.run}:${p.after ?? ''}`;

export const recomputePolicySlaTask = defineTask({
  name: 'sla.recompute_policy',
  payload,
  async run(deps: Services, p, job) {
    if (!job.tenantId) return;
    await recomputePolicySla(systemCtx(deps, job.tenantId, 'jobs'), p);
  },
});

/** Queues the recompute of the open tickets of the scopes, in the save's transaction (`tx`). */
export async function queuePolicySlaRecompute(tx: Ctx, scopeKeys: string[]): Promise<void> {
  const p: RecomputePayload = { run: newId(), scopes: [...new Set(scopeKeys)], after: null };
  await enqueueTask(tx, recomputePolicySlaTask, p, { uniqueKey: keyOf(p) });
}

/**
 * Recomputes one batch (`batch` tickets, at `now`) and queues the next in the same transaction;
 * answers the number of tickets done and the cursor of the next batch (null after the last).
 */
export async function recomputePolicySla(ctx: Ctx, p: RecomputePayload, o: { now?: number; batch?: number } = {}): Promise<{ done: number; next: string | null }> {
  const now = o.now ?? Date.now();
  const batch = o.batch ?? RECOMPUTE_BATCH;
  return inTransaction(ctx, async (tx) => {
    await lockSlaPolicies(tx.db, tx.dialect, tx.tenantId, 'recompute');
    const ids = await listOpenTicketIds(tx.db, tx.tenantId, scopeFilterOf(p.scopes), p.after, batch);
    for (const id of ids) await checkTicketSla(tx, id, now);
    const next = ids.length === batch ? ids[ids.length - 1] : null;
    if (next !== null) {
      const rest = { ...p, after: next };
      await enqueueTask(tx, recomputePolicySlaTask, rest, { uniqueKey: keyOf(rest) });
    }
    return { done: ids.length, next };
  });
}
