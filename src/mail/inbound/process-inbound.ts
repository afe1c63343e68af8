/**
 * Processes one stored message (the `mail.process` job): runs the pipeline and records
 * its outcome. A failure that persists through the job's retries quarantines the
 * message with its reason; its raw bytes stay, so an admin can reprocess or discard it.
 * The decision trace is written with the outcome, in the same statement or transaction.
 */
import { z } from 'zod';
import { systemCtx, type Services } from '../../domain/shared/context.ts';
import { DeferJob } from '../../jobs/defer-job.ts';
import { defineTask } from '../../jobs/define-task.ts';
import { findInbound, loadInboundRaw, transitionInbound } from './inbound.repo.ts';
import { runPipeline } from './pipeline.ts';
import { PROCESS_TASK } from './receive-message.ts';
import { newTrace, note, serializeTrace } from './trace.ts';

export async function processInbound(services: Services, tenantId: string, inboundId: string, finalAttempt: boolean): Promise<string> {
  const inbound = await findInbound(services.db, tenantId, inboundId);
  if (!inbound || (inbound.status !== 'received' && inbound.status !== 'quarantined')) return inbound?.status ?? 'missing';
  const raw = await loadInboundRaw(services.db, tenantId, inboundId);
  const ctx = systemCtx(services, tenantId, 'mail');
  const trace = newTrace();
  try {
    if (!raw) throw new Error('the raw message is missing');
    const result = await runPipeline(ctx, inbound, raw, { trace });
    if (result.kind === 'continue') return 'processed';
    const status = result.kind === 'quarantine' ? 'quarantined' : result.status;
    await transitionInbound(services.db, tenantId, inboundId, ['received', 'quarantined'], {
      status, reason: `${result.step}: ${result.reason}`, processed_at: new Date().toISOString(), trace: serializeTrace(trace),
    });
    return status;
  } catch (err) {
    // Waiting (a reply for its parent) is not failing: the job comes back without spending an attempt.
    if (!finalAttempt || err instanceof DeferJob) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    note(trace, 'outcome', 'error', `quarantined after its last attempt failed: ${reason}`);
    await transitionInbound(services.db, tenantId, inboundId, ['received'], {
      status: 'quarantined', reason: `error: ${reason}`.slice(0, 2000), processed_at: new Date().toISOString(), trace: serializeTrace(trace),
    });
    return 'quarantined';
  }
}

/** The job task: processes the message named in the payload (queued by receive-message.ts and reprocess-inbound.ts). */
export const processInboundTask = defineTask({
  name: PROCESS_TASK,
  payload: z.object({ inboundId: z.string() }),
  async run(services: Services, { inboundId }, job) {
    if (!job.tenantId) return;
    await processInbound(services, job.tenantId, inboundId, job.attempts >= job.maxAttempts);
  },
});
