/** Migration 023 on a database with tickets: each takes its updated_at as its last activity, not yet reminded. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, type Migration } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../../../test/helpers/test-runtime.ts';
import { openDatabase, type DatabaseHandle } from '../client.ts';
import { migrateToLatest } from '../migrate.ts';
import { migrations } from './index.ts';

const adminUrl = process.env.PARLEY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dir = mkdtempSync(join(tmpdir(), 'parley-m023-'));
const dbName = `parley_m023_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
let handle: DatabaseHandle;

async function admin(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try { await c.query(text); } finally { await c.end(); }
}

beforeAll(async () => {
  if (testDialect === 'postgres') {
    await admin(`create database ${dbName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    handle = openDatabase({ dialect: 'postgres', url: url.toString() });
  } else {
    handle = openDatabase({ dialect: 'sqlite', file: join(dir, 'parley.db') });
  }
  // The schema as it was before 023.
  const before = migrations.filter(([name]) => name < '023');
  const provider = { async getMigrations() {
    return Object.fromEntries(before.map(([name, m]) => [name, { up: (db) => m.up(db, handle.dialect) } as Migration]));
  } };
  const { error } = await new Migrator({ db: handle.db, provider }).migrateToLatest();
  if (error) throw error;
});
afterAll(async () => {
  await handle?.close();
  if (testDialect === 'postgres') await admin(`drop database if exists ${dbName} with (force)`);
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 023', () => {
  it('backfills last_activity_at from updated_at', async () => {
    const db = handle.db;
    await db.insertInto('tenants').values({ id: 'ta', slug: 'alpha', name: 'Alpha', language: 'en', created_at: '2024-01-01T00:00:00.000Z' }).execute();
    await db.insertInto('departments').values({ tenant_id: 'ta', id: 1, name: 'Help', slug: 'help', created_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-01-01T00:00:00.000Z' }).execute();
    await db.insertInto('users').values({ id: 'u1', tenant_id: 'ta', email: 'c@example.com', name: 'C', role: 'customer', created_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-01-01T00:00:00.000Z' }).execute();
    const ticket = (id: string, number: string, updated_at: string) => ({
      id, tenant_id: 'ta', number, subject: 'Hola', status: 'pending', priority: 'low', department_id: 1, requester_id: 'u1', channel: 'web', created_at: '2024-02-01T00:00:00.000Z', updated_at,
    });
    await db.insertInto('tickets').values([ticket('k1', 'TK-000001', '2024-03-01T10:00:00.000Z'), ticket('k2', 'TK-000002', '2024-05-02T11:30:00.000Z')]).execute();
    await migrateToLatest(handle);
    const rows = await db.selectFrom('tickets').select(['id', 'last_activity_at', 'inactivity_reminded_at']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'k1', last_activity_at: '2024-03-01T10:00:00.000Z', inactivity_reminded_at: null },
      { id: 'k2', last_activity_at: '2024-05-02T11:30:00.000Z', inactivity_reminded_at: null },
    ]);
  });
});
