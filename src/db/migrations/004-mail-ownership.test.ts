/**
 * Migration 004 on a database that has what it resolves: a queue address claimed by two
 * tenants (the oldest department keeps it), and search documents of notes (marked internal).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabaseBefore, type DatabaseBefore } from '../../../test/helpers/database-before-migration.ts';
import type { DatabaseHandle } from '../client.ts';
import { migrateToLatest } from '../migrate.ts';

let before: DatabaseBefore;
let handle: DatabaseHandle;
beforeAll(async () => {
  // The schema as it was before 004.
  before = await openDatabaseBefore('004');
  handle = before.handle;
});
afterAll(async () => { await before?.close(); });

describe('migration 004', () => {
  it('keeps a shared address with the oldest department, marks notes internal, then forbids sharing', async () => {
    const db = handle.db;
    const pgsql = handle.dialect === 'postgres';
    await db.insertInto('tenants').values([
      { id: 'ta', slug: 'alpha', name: 'Alpha', language: 'en', created_at: '2024-01-01T00:00:00.000Z' },
      { id: 'tb', slug: 'beta', name: 'Beta', language: 'en', created_at: '2023-01-01T00:00:00.000Z' },
    ]).execute();
    const dep = (tenant_id: string, created_at: string) => ({ tenant_id, id: 1, name: 'Help', slug: 'help', created_at, updated_at: created_at });
    // Alpha's department is older, though Beta is the older tenant.
    await db.insertInto('departments').values([dep('ta', '2024-02-01T00:00:00.000Z'), dep('tb', '2025-01-01T00:00:00.000Z')]).execute();
    await db.insertInto('departments').values([
      { ...dep('ta', '2026-01-01T00:00:00.000Z'), id: 2, slug: 'tie' }, { ...dep('tb', '2026-01-01T00:00:00.000Z'), id: 2, slug: 'tie' },
    ]).execute();
    await db.insertInto('department_addresses').values([
      { tenant_id: 'ta', department_id: 1, address: 'shared@x.example' },
      { tenant_id: 'tb', department_id: 1, address: 'shared@x.example' },
      { tenant_id: 'ta', department_id: 1, address: 'alpha@x.example' },
      { tenant_id: 'ta', department_id: 2, address: 'tie@x.example' },
      { tenant_id: 'tb', department_id: 2, address: 'tie@x.example' },
    ]).execute();

    const now = '2026-03-01T00:00:00.000Z';
    await db.insertInto('users').values({ id: 'u1', tenant_id: 'ta', email: 'c@c.example', name: 'C', role: 'customer', created_at: now, updated_at: now }).execute();
    await db.insertInto('tickets').values({ id: 'k1', tenant_id: 'ta', number: 'TK-000001', subject: 'Hola', status: 'new', priority: 'low', department_id: 1, requester_id: 'u1', channel: 'web', created_at: now, updated_at: now }).execute();
    for (const [id, type] of [['m1', 'reply'], ['m2', 'note'], ['m3', 'system']]) {
      await db.insertInto('messages').values({ id, tenant_id: 'ta', ticket_id: 'k1', message_type: type, channel: 'web', body: `texto ${id}`, created_at: now }).execute();
    }
    const sources = ['ticket:k1', 'message:m1', 'message:m2', 'message:m3'];
    for (const [i, source] of sources.entries()) {
      if (pgsql) await sql`insert into search_index (tenant_id, ticket_id, source_id, document) values ('ta', 'k1', ${source}, to_tsvector('simple', 'palabra'))`.execute(db);
      else {
        await sql`insert into search_docs (id, tenant_id, ticket_id, source_id) values (${i + 1}, 'ta', 'k1', ${source})`.execute(db);
        await sql`insert into search_index (rowid, content) values (${i + 1}, 'palabra')`.execute(db);
      }
    }

    await migrateToLatest(handle);

    const addresses = await db.selectFrom('department_addresses').select(['tenant_id', 'department_id', 'address']).orderBy('address').execute();
    expect(addresses).toEqual([
      { tenant_id: 'ta', department_id: 1, address: 'alpha@x.example' },
      { tenant_id: 'ta', department_id: 1, address: 'shared@x.example' },
      { tenant_id: 'tb', department_id: 2, address: 'tie@x.example' },
    ]);
    const released = await db.selectFrom('events').select(['tenant_id', 'name', 'subject_id', 'payload']).where('name', '=', 'department.address_released').orderBy('tenant_id').execute();
    expect(released.map((e) => [e.tenant_id, e.subject_id, JSON.parse(e.payload).address])).toEqual([['ta', '2', 'tie@x.example'], ['tb', '1', 'shared@x.example']]);
    await expect(db.insertInto('department_addresses').values({ tenant_id: 'tb', department_id: 1, address: 'alpha@x.example' }).execute()).rejects.toThrow();

    const flags = pgsql
      ? await sql<{ source_id: string; internal: boolean }>`select source_id, internal from search_index order by source_id`.execute(db)
      : await sql<{ source_id: string; internal: number }>`select source_id, internal from search_docs order by source_id`.execute(db);
    expect(flags.rows.map((r) => [r.source_id, Boolean(r.internal)])).toEqual([
      ['message:m1', false], ['message:m2', true], ['message:m3', true], ['ticket:k1', false],
    ]);
  });
});
