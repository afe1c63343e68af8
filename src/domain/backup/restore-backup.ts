/**
 * Restores a backup into a fresh data directory and database. The backup is checked
 * file by file against its manifest before anything is written (a corrupted backup
 * changes nothing), the target must be empty unless `force`, and the result is checked
 * again: restored files against the manifest, the database's rows and migration level
 * against the counts the manifest recorded.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseTarget } from '../../config.ts';
import { migrations } from '../../db/migrations/index.ts';
import { copyInto, isEmptyDir } from './backup-files.ts';
import type { DatabaseFacts } from './database-facts.ts';
import { BackupInvalidError, checkFiles, readManifest, type Manifest } from './manifest.ts';
import { emptyPostgres, postgresHasData, readPostgresFacts, restorePostgres } from './postgres-backup.ts';
import { installSqliteFile, readSqliteFacts, sqliteHasData } from './sqlite-backup.ts';

export interface RestoreInput {
  backup: string;
  dataDir: string;
  database: DatabaseTarget;
  /** Overwrite a data directory or database that holds something. */
  force?: boolean;
}

/** The target holds data and `force` was not given. */
export class TargetNotEmptyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetNotEmptyError';
  }
}

/** Checks, restores and checks again; throws BackupInvalidError, TargetNotEmptyError or the failure. */
export async function restoreBackup(input: RestoreInput): Promise<Manifest> {
  const manifest = await verifyBackup(input.backup);
  if (manifest.database.dialect !== input.database.dialect) {
    throw new BackupInvalidError(`the backup holds a ${manifest.database.dialect} database, the configuration names ${input.database.dialect} (set DATABASE_URL to a ${manifest.database.dialect} database)`);
  }
  await checkTarget(input);

  const dbCopy = join(input.backup, manifest.database.file);
  if (input.database.dialect === 'sqlite') {
    const file = input.database.file;
    await copyInto(dbCopy, `${file}.restoring`);
    await installSqliteFile(`${file}.restoring`, file);
  } else {
    if (input.force && await postgresHasData(input.database.url)) await emptyPostgres(input.database.url);
    await restorePostgres(input.database.url, dbCopy);
  }
  if (input.force) await rm(join(input.dataDir, 'attachments'), { recursive: true, force: true });
  for (const rel of Object.keys(manifest.files)) {
    if (rel === manifest.database.file) continue;
    await copyInto(join(input.backup, rel), join(input.dataDir, rel));
  }

  const database = input.database;
  // The restored copy of each file; a PostgreSQL dump is not a file once restored (its rows are counted below).
  const restored = (rel: string) => (rel !== manifest.database.file ? join(input.dataDir, rel)
    : database.dialect === 'sqlite' ? database.file : join(input.backup, rel));
  const after = await checkFiles(manifest, restored);
  const facts = database.dialect === 'sqlite' ? await readSqliteFacts(database.file) : await readPostgresFacts(database.url);
  const differences = compareFacts(manifest, facts);
  if (after.length || differences.length) {
    throw new Error(`the restored copy differs from the backup: ${[...after, ...differences].join('; ')}`);
  }
  return manifest;
}

/** Reads a backup's manifest and checks every file against it; throws BackupInvalidError listing what differs. */
export async function verifyBackup(dir: string): Promise<Manifest> {
  const manifest = await readManifest(dir);
  if (!migrations.some(([name]) => name === manifest.database.migration)) {
    throw new BackupInvalidError(`the backup was taken by a newer Parley (migration ${manifest.database.migration}, version ${manifest.parley_version}): restore it with that version or later`);
  }
  const problems = await checkFiles(manifest, (rel) => join(dir, rel));
  if (problems.length) throw new BackupInvalidError(`the backup at ${dir} is damaged; nothing was restored:\n  ${problems.join('\n  ')}`, problems);
  return manifest;
}

async function checkTarget(input: RestoreInput): Promise<void> {
  if (input.force) return;
  const held: string[] = [];
  if (!(await isEmptyDir(input.dataDir))) held.push(`the data directory ${input.dataDir} is not empty`);
  if (input.database.dialect === 'sqlite') {
    if (existsSync(input.database.file) && sqliteHasData(input.database.file)) held.push(`the database ${input.database.file} holds tables`);
  } else if (await postgresHasData(input.database.url)) {
    held.push('the PostgreSQL database named by DATABASE_URL holds tables');
  }
  if (held.length) throw new TargetNotEmptyError(`${held.join('; ')}: restore into an empty one, or give --force to overwrite it`);
}

function compareFacts(manifest: Manifest, facts: DatabaseFacts): string[] {
  const out: string[] = [];
  if (facts.migration !== manifest.database.migration) out.push(`migration ${facts.migration}, the backup has ${manifest.database.migration}`);
  for (const [table, n] of Object.entries(manifest.counts)) {
    const got = facts.counts[table as keyof DatabaseFacts['counts']];
    if (got !== n) out.push(`${table}: ${got} rows, the backup has ${n}`);
  }
  return out;
}
