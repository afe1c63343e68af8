/** Migration 023 on a database with tickets: each takes its updated_at as its last activity, not yet reminded. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabaseBefore, type DatabaseBefore } from '../../../test/helpers/database-before-migration.ts';
import type { DatabaseHandle } from '../client.ts';
import { migrateToLatest } from '../migrate.ts';

let before: DatabaseBefore;
let handle: DatabaseHandle;
beforeAll(async () => {
  // The schema as it was before 023.
  before = await openDatabaseBefore('023');
  handle = before.handle;
});
afterAll(async () => { await before?.close(); });

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
