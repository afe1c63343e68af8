/** The `mail.deliver` job of one outbox row: one per dispatch (queueing, then each release or retry). */
import type { NewJob } from '../../jobs/jobs.repo.ts';

export const DELIVER_TASK = 'mail.deliver';

/**
 * Attempts per dispatch. The worker's backoff (5 s doubling, at most an hour) spreads 15
 * attempts over about seven hours: an SMTP server down for an afternoon loses nothing.
 */
export const DELIVER_MAX_ATTEMPTS = 15;

export function deliveryJob(tenantId: string, outboundId: string, dispatch: number, runAt: Date): NewJob {
  return {
    tenantId, name: DELIVER_TASK, payload: { outbound_id: outboundId }, runAt,
    maxAttempts: DELIVER_MAX_ATTEMPTS, uniqueKey: `${DELIVER_TASK}:${outboundId}:${dispatch}`,
  };
}
