/**
 * Takes one backup of the whole installation (every tenant): a directory
 * `parley-<time>` under the backup directory holding the database (SQLite online
 * backup, or pg_dump), the attachments, the local secret key when there is one, and
 * manifest.json, written last. Until the manifest is written the directory has a
 * hidden `.partial` name, so a crash never leaves something that looks like a backup.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseTarget } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { copyInto, listFiles } from './backup-files.ts';
import { finishRun, insertManualRun } from './backup-runs.repo.ts';
import type { DatabaseFacts } from './database-facts.ts';
import { describeFiles, FORMAT, writeManifest, type Manifest } from './manifest.ts';
import { dumpPostgres } from './postgres-backup.ts';
import { dumpSqlite } from './sqlite-backup.ts';

export interface CreateBackupInput {
  db: Db;
  database: DatabaseTarget;
  dataDir: string;
  /** The directory that receives the backup's own directory. */
  into: string;
  trigger: Manifest['trigger'];
  /** The backup_runs row to finish; a manual run gets one of its own. */
  runId?: string;
  now?: Date;
}

export interface CreatedBackup { path: string; manifest: Manifest }

const PARLEY_VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

/** Takes the backup and records its outcome in backup_runs; a failure leaves no directory behind and is rethrown. */
export async function createBackup(input: CreateBackupInput): Promise<CreatedBackup> {
  const runId = input.runId ?? await insertManualRun(input.db);
  try {
    const made = await writeBackup(input);
    await finishRun(input.db, runId, { location: made.path });
    return made;
  } catch (err) {
    await finishRun(input.db, runId, { error: err instanceof Error ? err.message : String(err) }).catch(() => {});
    throw err;
  }
}

async function writeBackup(input: CreateBackupInput): Promise<CreatedBackup> {
  const at = input.now ?? new Date();
  const name = `parley-${at.toISOString().replace(/[:.]/g, '-')}`;
  const partial = join(input.into, `.${name}.partial`);
  const path = join(input.into, name);
  if (existsSync(path)) throw new Error(`${path} already exists`);
  await mkdir(input.into, { recursive: true, mode: 0o700 });
  await checkRoom(input);
  await mkdir(partial, { recursive: true, mode: 0o700 });
  try {
    const dbFile = input.database.dialect === 'sqlite' ? 'database.sqlite' : 'database.pgdump';
    const facts: DatabaseFacts = input.database.dialect === 'sqlite'
      ? await dumpSqlite(input.database.file, join(partial, dbFile))
      : await dumpPostgres(input.database.url, join(partial, dbFile));
    // After the dump: every file a dumped row points at is there already (the store only adds files, and the
    // orphan sweep only removes files no row points at), so the backup never misses one.
    const store = join(input.dataDir, 'attachments');
    for (const rel of await listFiles(store, (r) => r === 'tmp')) await copyInto(join(store, rel), join(partial, 'attachments', rel));
    const secret = join(input.dataDir, 'secret.key');
    if (existsSync(secret)) await copyInto(secret, join(partial, 'secret.key'));
    const manifest: Manifest = {
      format: FORMAT,
      parley_version: PARLEY_VERSION,
      created_at: at.toISOString(),
      trigger: input.trigger,
      database: { dialect: input.database.dialect, file: dbFile, migration: facts.migration, migrations: facts.migrations },
      counts: facts.counts,
      files: await describeFiles(partial),
    };
    await writeManifest(partial, manifest);
    await rename(partial, path);
    return { path, manifest };
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  }
}

/**
 * What a backup must leave free on the file system it is written to: a backup never takes the
 * last of a disk the database may share (on a full disk mail gets 451 and jobs wait).
 */
export const MIN_FREE_AFTER_BACKUP = 64 * 1024 * 1024;

/** Refuses, before writing anything, a backup that would leave under MIN_FREE_AFTER_BACKUP free (or 5% of the file system, if more). */
async function checkRoom(input: CreateBackupInput): Promise<void> {
  const fs = await statfs(input.into).catch(() => null);
  if (!fs) return;
  let need = 0;
  if (input.database.dialect === 'sqlite') {
    for (const file of [input.database.file, `${input.database.file}-wal`]) need += (await stat(file).catch(() => null))?.size ?? 0;
  }
  const store = join(input.dataDir, 'attachments');
  for (const rel of await listFiles(store, (r) => r === 'tmp')) need += (await stat(join(store, rel)).catch(() => null))?.size ?? 0;
  const free = fs.bavail * fs.bsize;
  const reserve = Math.max(MIN_FREE_AFTER_BACKUP, Math.floor(fs.blocks * fs.bsize * 0.05));
  if (free - need < reserve) {
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    throw new Error(`not enough free space in ${input.into} for a backup: it needs about ${mb(need)} and must leave ${mb(reserve)} free, and ${mb(free)} are free (PARLEY_BACKUP_DIR can point elsewhere)`);
  }
}
