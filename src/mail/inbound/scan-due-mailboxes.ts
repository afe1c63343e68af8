/**
 * Scans mailboxes one after another: all active ones, one tenant's, or one mailbox.
 * Each scan has its own time limit and records its own outcome, so a mailbox that
 * fails or hangs delays the next one by at most that limit and stops none of them.
 */
import { z } from 'zod';
import { getSettings } from '../../domain/settings/get-settings.ts';
import { listTenants } from '../../domain/tenants/tenants.repo.ts';
import { defineTask } from '../../jobs/define-task.ts';
import { enqueueTask } from '../../jobs/enqueue-task.ts';
import { slotPayload } from '../../jobs/schedule.ts';
import type { Runtime } from '../../runtime.ts';
import { findMailbox, listActiveMailboxes, listMailboxes, type MailboxRow } from './mailboxes.repo.ts';
import { msUntilDue, scanMailbox, type MailboxScanOutcome } from './scan-mailbox.ts';

export interface ScanDueOptions {
  tenantId?: string;
  mailboxId?: string;
  /** Ignore mail_scan_frequency. */
  force?: boolean;
  /** Per mailbox. */
  timeoutMs?: number;
  /** Called as each mailbox is done, for progress output. */
  onOutcome?: (outcome: MailboxScanOutcome) => void;
}

export const SCAN_TASK = 'mail.scan_mailboxes';
export const SCAN_ONE_TASK = 'mail.scan_mailbox';

export async function scanDueMailboxes(rt: Runtime, o: ScanDueOptions = {}): Promise<MailboxScanOutcome[]> {
  const outcomes: MailboxScanOutcome[] = [];
  for (const mailbox of await selectMailboxes(rt, o)) {
    const outcome = await scanMailbox(rt, mailbox, { force: o.force, timeoutMs: o.timeoutMs });
    outcomes.push(outcome);
    o.onOutcome?.(outcome);
  }
  return outcomes;
}

async function selectMailboxes(rt: Runtime, o: ScanDueOptions): Promise<MailboxRow[]> {
  if (o.mailboxId) {
    for (const tenantId of o.tenantId ? [o.tenantId] : (await listTenants(rt.db)).map((t) => t.id)) {
      const mailbox = await findMailbox(rt.db, tenantId, o.mailboxId);
      if (mailbox) return [mailbox];
    }
    return [];
  }
  if (o.tenantId) return (await listMailboxes(rt.db, o.tenantId)).filter((m) => m.is_active);
  return listActiveMailboxes(rt.db);
}

/** What the scan tasks need: the whole runtime (credentials, OAuth), which exists once start-up is done. */
interface ScanDeps { runtime(): Runtime }

/** Scans the job's mailbox (the cooldown is checked again: another instance may have just scanned it). */
export const scanMailboxTask = defineTask({
  name: SCAN_ONE_TASK,
  payload: z.object({ mailboxId: z.string() }),
  async run(deps: ScanDeps, { mailboxId }, job) {
    const rt = deps.runtime();
    const mailbox = job.tenantId ? await findMailbox(rt.db, job.tenantId, mailboxId) : undefined;
    if (mailbox) await scanMailbox(rt, mailbox);
  },
});

/**
 * The periodic job (every minute): queues one scan job per active mailbox that is due.
 * Scans run as separate jobs so that a slow mailbox holds one worker for at most its
 * time limit while the messages already fetched are processed by the others.
 */
export const scanMailboxesTask = defineTask({
  name: SCAN_TASK,
  payload: slotPayload,
  async run(deps: ScanDeps) {
    const rt = deps.runtime();
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    for (const mailbox of await listActiveMailboxes(rt.db)) {
      const { mail_scan_frequency: minutes } = await getSettings(rt.db, mailbox.tenant_id);
      if (msUntilDue(mailbox, minutes) > 0) continue;
      // One per mailbox and minute, however many instances tick; a crashed scan is not
      // retried (maxAttempts 1): the next minute's job does the same work.
      await enqueueTask({ db: rt.db, tenantId: mailbox.tenant_id, onJobsEnqueued: rt.onJobsEnqueued }, scanMailboxTask, { mailboxId: mailbox.id }, {
        maxAttempts: 1, uniqueKey: `${SCAN_ONE_TASK}:${mailbox.id}:${minute}`,
      });
    }
  },
});
