/** SQLite: the online backup API (the server may keep writing), and putting a copy back. */
import { rename, rm } from 'node:fs/promises';
import SqliteDatabase from 'better-sqlite3';
import { readDatabaseFacts, type DatabaseFacts } from './database-facts.ts';

/**
 * Copies the live database to `target`, consistently, while others write to it. The
 * copy is switched out of WAL mode, so it is one self-contained file to hash and restore.
 */
export async function dumpSqlite(file: string, target: string): Promise<DatabaseFacts> {
  const live = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    await live.backup(target);
  } finally {
    live.close();
  }
  const copy = new SqliteDatabase(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    return await sqliteFacts(copy);
  } finally {
    copy.close();
  }
}

/** The facts of a SQLite file (a backup's copy, or a restored database). */
export async function readSqliteFacts(file: string): Promise<DatabaseFacts> {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    return await sqliteFacts(db);
  } finally {
    db.close();
  }
}

function sqliteFacts(db: SqliteDatabase.Database): Promise<DatabaseFacts> {
  return readDatabaseFacts(async (text) => db.prepare(text).get() as Record<string, unknown>);
}

/** Whether the SQLite database at `file` holds anything (a missing or empty file holds nothing). */
export function sqliteHasData(file: string): boolean {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch {
    return false;
  }
  try {
    return (db.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }).n > 0;
  } finally {
    db.close();
  }
}

/** Puts a backup's copy in place of `file`: copied beside it, then renamed, with any old WAL files removed. */
export async function installSqliteFile(copied: string, file: string): Promise<void> {
  await rm(`${file}-wal`, { force: true });
  await rm(`${file}-shm`, { force: true });
  await rename(copied, file);
}
