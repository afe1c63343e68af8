/**
 * A stored message whose processing job gave up without recording an outcome — its
 * worker died on every attempt, so the job failed by lease expiry and the message never
 * left `received` — is quarantined with the job's error, so an admin sees it in the
 * quarantine list and can reprocess it. Nothing stays invisible.
 */
import type { Db } from '../../db/client.ts';
import { defineTask } from '../../jobs/define-task.ts';
import { listJobsByKeyPrefix } from '../../jobs/jobs.repo.ts';
import { slotPayload } from '../../jobs/schedule.ts';
import { listReceivedBefore, transitionInbound } from './inbound.repo.ts';
import { PROCESS_TASK } from './receive-message.ts';

export const RECOVER_TASK = 'mail.recover_stuck';

/** Quarantines messages received before `olderThan` that no live job will process; returns how many. */
export async function recoverStuckInbound(db: Db, olderThan: Date): Promise<number> {
  const stuck = await listReceivedBefore(db, olderThan.toISOString(), 500);
  let recovered = 0;
  for (const m of stuck) {
    const jobs = await listJobsByKeyPrefix(db, `${PROCESS_TASK}:${m.id}`);
    if (jobs.some((j) => j.status === 'pending' || j.status === 'running')) continue;
    const reason = jobs[0]?.last_error ?? 'no processing job exists';
    if (await transitionInbound(db, m.tenant_id, m.id, ['received'], { status: 'quarantined', reason: `processing stopped: ${reason}`.slice(0, 2000), processed_at: new Date().toISOString() })) recovered++;
  }
  return recovered;
}

/** The periodic job (every 5 minutes): messages stuck for 10 minutes. */
export const recoverStuckInboundTask = defineTask({
  name: RECOVER_TASK,
  payload: slotPayload,
  async run(deps: { db: Db }) {
    await recoverStuckInbound(deps.db, new Date(Date.now() - 10 * 60_000));
  },
});
