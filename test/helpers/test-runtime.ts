/**
 * A real database for one test file: a temporary SQLite file, or a fresh PostgreSQL
 * database created for the file and dropped after it (PARLEY_TEST_DB=sqlite|postgres).
 * Either is a copy of a template already migrated to the latest migration (pg-template.ts,
 * sqlite-template.ts); tests of the migrations themselves open their own empty databases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { guardDatabase } from './database-free.ts';
import { createDatabaseFromTemplate } from './pg-template.ts';
import { copySqliteTemplate } from './sqlite-template.ts';

// A file listed in database-free.txt must not depend on the test database, not even its name.
guardDatabase('imports test/helpers/test-runtime.ts');

export const testDialect = (process.env.PARLEY_TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';
const adminUrl = process.env.PARLEY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestRuntime { rt: Runtime; config: Readonly<Config>; cleanup(): Promise<void> }

export async function createTestRuntime(env: Record<string, string> = {}): Promise<TestRuntime> {
  guardDatabase('creates a test database (createTestRuntime)');
  const dir = mkdtempSync(join(tmpdir(), 'parley-test-'));
  let dbName: string | null = null;
  let databaseUrl = `sqlite:${join(dir, 'parley.db')}`;
  if (testDialect === 'sqlite') await copySqliteTemplate(join(dir, 'parley.db'));
  if (testDialect === 'postgres') {
    dbName = `parley_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await createDatabaseFromTemplate(adminUrl, dbName);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const config = loadConfig({
    NODE_ENV: 'test', PARLEY_DATA_DIR: join(dir, 'data'), DATABASE_URL: databaseUrl,
    PARLEY_SECRET_KEY: 'test-secret-key-that-is-long-enough-000000', PARLEY_API_RATE_LIMIT: '0',
    PARLEY_DEFAULT_LANGUAGE: 'es', ...env,
  });
  const rt = await createRuntime(config, { log: () => {} });
  return {
    rt, config,
    async cleanup() {
      await rt.close();
      if (dbName) await adminQuery(`drop database if exists ${dbName} with (force)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
