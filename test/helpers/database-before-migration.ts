/**
 * A database of this run's dialect (PARLEY_TEST_DB) migrated up to, not including, one
 * migration: for the tests of what a migration does to rows that exist when it runs.
 * PostgreSQL gets a database of its own, dropped on close; SQLite a file in a temporary
 * directory, removed on close.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, type Migration } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { testDialect } from './test-runtime.ts';

export interface DatabaseBefore {
  readonly handle: DatabaseHandle;
  close(): Promise<void>;
}

const adminUrl = process.env.PARLEY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try { await c.query(text); } finally { await c.end(); }
}

/** `before` is the number of the first migration left out ("030"): the schema as it was before it. */
export async function openDatabaseBefore(before: string): Promise<DatabaseBefore> {
  const dir = mkdtempSync(join(tmpdir(), `parley-m${before}-`));
  const dbName = `parley_m${before}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let handle: DatabaseHandle;
  if (testDialect === 'postgres') {
    await admin(`create database ${dbName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    handle = openDatabase({ dialect: 'postgres', url: url.toString() });
  } else {
    handle = openDatabase({ dialect: 'sqlite', file: join(dir, 'parley.db') });
  }
  const earlier = migrations.filter(([name]) => name < before);
  const provider = { async getMigrations() {
    return Object.fromEntries(earlier.map(([name, m]) => [name, { up: (db) => m.up(db, handle.dialect) } as Migration]));
  } };
  const { error } = await new Migrator({ db: handle.db, provider }).migrateToLatest();
  if (error) throw error;
  return {
    handle,
    async close() {
      await handle.close();
      if (testDialect === 'postgres') await admin(`drop database if exists ${dbName} with (force)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
