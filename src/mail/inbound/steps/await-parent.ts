/**
 * Order where it matters: a reply whose parent is stored but not yet processed (another
 * worker has it in hand, or it waits in the queue) would open a ticket of its own. It
 * waits for its parent instead, by deferring its job (no attempt spent), for at most
 * MAX_WAIT_MS after it was received: a parent that keeps failing is quarantined by then,
 * or the reply goes ahead anyway. Only parents received no later than the reply are
 * waited for, so two messages that name each other can never wait for each other.
 */
import { DeferJob } from '../../../jobs/defer-job.ts';
import { listUnprocessedByMessageIds } from '../inbound.repo.ts';
import type { PipelineState } from '../pipeline-state.ts';

export const MAX_WAIT_MS = 2 * 60_000;

/** Throws DeferJob while a parent named by `ids` is stored and unprocessed; returns when there is none to wait for. */
export async function awaitParent(s: PipelineState, ids: string[], now = Date.now()): Promise<void> {
  if (!ids.length) return;
  const received = Date.parse(String(s.inbound.received_at));
  const waited = now - received;
  if (!(waited < MAX_WAIT_MS)) return;
  const pending = (await listUnprocessedByMessageIds(s.ctx.db, s.ctx.tenantId, ids))
    .filter((p) => p.id !== s.inbound.id && Date.parse(String(p.received_at)) <= received);
  if (!pending.length) return;
  // Short at first (the parent is usually being processed right now), longer once it is clearly slow.
  throw new DeferJob(waited < 10_000 ? 200 : 2000, `reply waits for its parent message ${pending[0].id}, stored but not yet processed`);
}
