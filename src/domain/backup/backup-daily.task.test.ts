/** The daily backup as the scheduler runs it: one per slot across workers, rotated to PARLEY_BACKUP_KEEP. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { bindTask } from '../../jobs/define-task.ts';
import type { ClaimedJob } from '../../jobs/jobs.repo.ts';
import { enqueueScheduledJobs, schedule } from '../../jobs/schedule.ts';
import { createRuntime, type Runtime } from '../../runtime.ts';
import { backupDailyTask } from './backup-daily.task.ts';
import { createBackup } from './create-backup.ts';
import { findLatestRuns } from './backup-runs.repo.ts';

let t: TestRuntime;
let second: Runtime;
let dir: string;
const saved = { ...process.env };
const entry = schedule.find((e) => e.task === 'backup.daily')!;
const backups = () => readdirSync(dir).filter((n) => n.startsWith('parley-')).sort();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-backups-'));
  process.env.PARLEY_BACKUP_DIR = dir;
  process.env.PARLEY_BACKUP_KEEP = '2';
  t = await createTestRuntime();
  // A second instance on the same database: another worker that may claim the same job.
  second = await createRuntime(t.config, { log: () => {} });
});
afterAll(async () => {
  process.env = saved;
  await second?.close();
  await t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** Both instances enqueue the day's slot, then both workers run what they can claim, at the same time. */
async function runDay(day: string): Promise<void> {
  const at = new Date(`${day}T03:00:00.000Z`);
  await enqueueScheduledJobs(t.rt.db, [entry], at);
  await enqueueScheduledJobs(second.db, [entry], at);
  await Promise.all([t.rt.worker.runOnce(), second.worker.runOnce()]);
  const jobs = await t.rt.db.selectFrom('jobs').select(['status', 'last_error']).where('unique_key', '=', `backup.daily:${day}T00:00:00.000Z`).execute();
  expect(jobs).toEqual([{ status: 'done', last_error: null }]);
}

describe('backup.daily', () => {
  it('takes one backup per day however many workers run, and a job taken up again does not take another', async () => {
    await runDay('2026-01-01');
    expect(backups()).toHaveLength(1);
    const runs = await t.rt.db.selectFrom('backup_runs').selectAll().execute();
    expect(runs).toMatchObject([{ slot: '2026-01-01T00:00:00.000Z', trigger: 'scheduled', status: 'succeeded', location: join(dir, backups()[0]!) }]);

    // The same slot again (a job whose lease ran out mid-backup, reclaimed by another worker).
    const job: ClaimedJob = { id: 0, tenantId: null, name: 'backup.daily', payload: { slot: '2026-01-01T00:00:00.000Z' }, attempts: 2, maxAttempts: 3 };
    await bindTask(backupDailyTask, { runtime: () => second })(job);
    expect(backups()).toHaveLength(1);
  });

  it('keeps the newest PARLEY_BACKUP_KEEP daily backups and never rotates a manual one', async () => {
    const manual = await createBackup({ db: t.rt.db, database: t.config.database, dataDir: t.config.dataDir, into: dir, trigger: 'manual' });
    for (const day of ['2026-01-02', '2026-01-03']) await runDay(day);
    const scheduled = (await t.rt.db.selectFrom('backup_runs').select(['location', 'slot']).where('trigger', '=', 'scheduled').orderBy('started_at').execute());
    expect(scheduled.map((r) => r.slot!.slice(0, 10))).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    const names = (rows: typeof scheduled) => rows.map((r) => r.location!.slice(dir.length + 1)).sort();
    expect(backups()).toEqual([...names(scheduled.slice(1)), manual.path.slice(dir.length + 1)].sort());
    const { latest, lastSucceeded } = await findLatestRuns(t.rt.db);
    expect(latest).toMatchObject({ slot: '2026-01-03T00:00:00.000Z', status: 'succeeded' });
    expect(lastSucceeded?.id).toBe(latest?.id);
  });
});
