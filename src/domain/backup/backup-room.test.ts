/**
 * A backup never takes the last of a disk: on a file system where it would leave less than
 * its reserve free, it is refused before anything is written, with a message that says how
 * much it needs, and the run is recorded as failed.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountSmallFilesystem, type SmallFilesystem } from '../../../test/fault/small-filesystem.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { createBackup } from './create-backup.ts';

let t: TestRuntime;
let disk: SmallFilesystem;

beforeAll(async () => {
  t = await createTestRuntime();
  disk = mountSmallFilesystem(12);
});
afterAll(async () => {
  disk?.destroy();
  await t?.cleanup();
});

describe('room for a backup', () => {
  it('refuses a backup that would leave the disk under its reserve, writing nothing', async () => {
    const into = `${disk.dir}/backups`;
    await expect(createBackup({ db: t.rt.db, database: t.config.database, dataDir: t.config.dataDir, into, trigger: 'manual' }))
      .rejects.toThrow(/not enough free space in .* for a backup: it needs about \d+ MB and must leave 64 MB free/);
    expect(readdirSync(into)).toEqual([]);
    const runs = await t.rt.db.selectFrom('backup_runs').select(['status', 'error']).execute();
    expect(runs).toEqual([{ status: 'failed', error: expect.stringContaining('not enough free space') }]);
  });
});
