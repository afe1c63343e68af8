/**
 * The daily backup (scheduled once a day, UTC). The scheduler's slot key makes one job
 * per day; the slot's backup_runs row makes one backup per day even when the job is
 * taken up again by a second worker after its lease ran out mid-backup.
 */
import { defineTask } from '../../jobs/define-task.ts';
import { slotPayload } from '../../jobs/schedule.ts';
import type { Runtime } from '../../runtime.ts';
import { backupOptions } from './backup-options.ts';
import { claimScheduledRun } from './backup-runs.repo.ts';
import { createBackup } from './create-backup.ts';
import { rotateBackups } from './rotate-backups.ts';

/** A running run older than this belongs to a worker that died. */
const STALE_MS = 6 * 3600_000;

export const backupDailyTask = defineTask({
  name: 'backup.daily',
  payload: slotPayload,
  async run(deps: { runtime(): Runtime }, { slot }) {
    const { db, config } = deps.runtime();
    const options = backupOptions(config.dataDir);
    if (!options.daily) return;
    const runId = await claimScheduledRun(db, slot, new Date(Date.now() - STALE_MS));
    if (!runId) return;
    await createBackup({ db, database: config.database, dataDir: config.dataDir, into: options.dir, trigger: 'scheduled', runId });
    await rotateBackups(options.dir, options.keep);
  },
});
