/**
 * The process the crash test kills: it scans one mailbox in a loop (forced, so the
 * cooldown does not slow it) while a job worker processes what was stored, as
 * `parley serve` would. The lease is short so that the job a killed run had in hand
 * is taken over by the next run instead of after the default five minutes.
 *
 * The worker gives up on a job whose lease expired on its third attempt (a message
 * that keeps killing the worker must not kill it forever), so random kills could hit
 * one job three times and leave its message unprocessed by design. To test storage and
 * deduplication rather than that policy, each run first takes over the job the last
 * one abandoned, before it says "ready" and may be killed.
 * Env: DATABASE_URL, PARLEY_DATA_DIR, PARLEY_SECRET_KEY, CRASH_TENANT_ID, CRASH_MAILBOX_ID.
 */
import { loadConfig } from '../../src/config.ts';
import { bindTask } from '../../src/jobs/define-task.ts';
import { Worker } from '../../src/jobs/worker.ts';
import { processInboundTask } from '../../src/mail/inbound/process-inbound.ts';
import { PROCESS_TASK } from '../../src/mail/inbound/receive-message.ts';
import { scanDueMailboxes } from '../../src/mail/inbound/scan-due-mailboxes.ts';
import { createRuntime } from '../../src/runtime.ts';

const LEASE_MS = 1000;
await new Promise<void>((resolve) => {
  process.stdin.on('data', () => resolve());
  process.stdin.on('end', () => process.exit(0));
});
const rt = await createRuntime(loadConfig(), { log: () => {} });
// One job per claim: a kill abandons at most the one job in hand.
const worker = new Worker({ db: rt.db, dialect: rt.dialect, tasks: { [PROCESS_TASK]: bindTask(processInboundTask, rt) }, leaseMs: LEASE_MS, batchSize: 1, pollMs: 100 });
const abandoned = () => rt.db.selectFrom('jobs').select('id').where('name', '=', PROCESS_TASK).where('status', '=', 'running').executeTakeFirst();
if (await abandoned()) {
  await new Promise((r) => setTimeout(r, LEASE_MS));
  // Jobs are claimed oldest first, and the abandoned one is older than any still pending.
  await worker.runOnce();
}
worker.start();
process.stdout.write('ready\n');
for (;;) {
  const [outcome] = await scanDueMailboxes(rt, { tenantId: process.env.CRASH_TENANT_ID, mailboxId: process.env.CRASH_MAILBOX_ID, force: true });
  process.stdout.write(`${JSON.stringify({ status: outcome?.status, counts: outcome?.counts, detail: outcome?.detail })}\n`);
  if (!outcome || outcome.status !== 'scanned' || outcome.counts.fetched === 0) await new Promise((r) => setTimeout(r, 200));
}
