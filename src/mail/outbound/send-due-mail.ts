/**
 * `parley mail send-due`, for installs that run no worker (cron): every queued mail whose
 * time has come has its delivery job made due now, then the job queue is run until idle
 * in this process (the same worker, leases and checks as always, so a worker running
 * elsewhere at the same moment never sends a mail twice).
 */
import { nowIso } from '../../domain/shared/clock.ts';
import type { Runtime } from '../../runtime.ts';
import { listDueOutboundMails, listOutboundMailStatuses, pullDeliveryForward } from './outbound-mails.repo.ts';

export interface SendDueSummary { due: number; sent: number; queued: number; held: number; failed: number }

export async function sendDueMail(rt: Pick<Runtime, 'db' | 'worker'>, limit = 10_000): Promise<SendDueSummary> {
  const now = nowIso();
  const due = await listDueOutboundMails(rt.db, now, limit);
  for (const m of due) await pullDeliveryForward(rt.db, m.tenant_id, m.id, now);
  while ((await rt.worker.runOnce()) > 0) { /* until nothing is due */ }
  const summary: SendDueSummary = { due: due.length, sent: 0, queued: 0, held: 0, failed: 0 };
  if (due.length === 0) return summary;
  for (const status of await listOutboundMailStatuses(rt.db, due)) if (status in summary) summary[status as keyof SendDueSummary]++;
  return summary;
}
