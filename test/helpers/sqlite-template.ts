/**
 * SQLite test databases copied from a migrated file, as pg-template.ts does for PostgreSQL:
 * each test file runs in a fresh process, where migrating an empty database costs up to a
 * second (cold code), and copying a migrated one a few milliseconds. The file is named by the
 * same hash of the migration sources as the PostgreSQL template, built by whichever process
 * needs it first (into a file of its own, then renamed into place, so nobody copies a half-built
 * one), and older ones are removed. Tests of the migrations themselves open their own databases.
 */
import { copyFileSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/client.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { templateName } from './pg-template.ts';

const SUFFIX = '.sqlite';
const templatePath = join(tmpdir(), `${templateName}${SUFFIX}`);

async function build(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-template-'));
  try {
    const file = join(dir, 'parley.db');
    const handle = openDatabase({ dialect: 'sqlite', file });
    try {
      await migrateToLatest(handle);
    } finally {
      // The last connection to close folds the WAL into the file: the file alone is the database.
      await handle.close();
    }
    renameSync(file, templatePath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const name of readdirSync(tmpdir())) {
    if (name.startsWith('parley_template_') && name.endsWith(SUFFIX) && join(tmpdir(), name) !== templatePath) rmSync(join(tmpdir(), name), { force: true });
  }
}

/** Writes a migrated SQLite database at `file`. */
export async function copySqliteTemplate(file: string): Promise<void> {
  try {
    copyFileSync(templatePath, file);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw e;
    await build();
    copyFileSync(templatePath, file);
  }
}
