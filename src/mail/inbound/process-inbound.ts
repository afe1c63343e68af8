/**
 * Processes one stored message (the `mail.process` job): runs the pipeline and records
 * its outcome. A failure that persists through the job's retries quarantines the
 * message with its reason; its raw bytes stay, so an admin can reprocess or discard it.
 */
import type { Services } from '../../domain/shared/context.ts';
import { DeferJob } from '../../jobs/defer-job.ts';
import type { ClaimedJob } from '../../jobs/jobs.repo.ts';
import { findInbound, loadInboundRaw, transitionInbound } from './inbound.repo.ts';
import { runPipeline } from './pipeline.ts';

export async function processInbound(services: Services, tenantId: string, inboundId: string, finalAttempt: boolean): Promise<string> {
  const inbound = await findInbound(services.db, tenantId, inboundId);
  if (!inbound || (inbound.status !== 'received' && inbound.status !== 'quarantined')) return inbound?.status ?? 'missing';
  const raw = await loadInboundRaw(services.db, tenantId, inboundId);
  const ctx = { ...services, tenantId, actor: null, requestId: null, source: 'email' as const };
  try {
    if (!raw) throw new Error('the raw message is missing');
    const result = await runPipeline(ctx, inbound, raw);
    if (result.kind === 'continue') return 'processed';
    const status = result.kind === 'quarantine' ? 'quarantined' : result.status;
    await transitionInbound(services.db, tenantId, inboundId, ['received', 'quarantined'], { status, reason: `${result.step}: ${result.reason}`, processed_at: new Date().toISOString() });
    return status;
  } catch (err) {
    // Waiting (a reply for its parent) is not failing: the job comes back without spending an attempt.
    if (!finalAttempt || err instanceof DeferJob) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    await transitionInbound(services.db, tenantId, inboundId, ['received'], { status: 'quarantined', reason: `error: ${reason}`.slice(0, 2000), processed_at: new Date().toISOString() });
    return 'quarantined';
  }
}

/** The job task: processes the message named in the payload. */
export function processInboundTask(services: Services) {
  return async (job: ClaimedJob): Promise<void> => {
    const { inboundId } = job.payload as { inboundId: string };
    if (!job.tenantId) return;
    await processInbound(services, job.tenantId, inboundId, job.attempts >= job.maxAttempts);
  };
}
