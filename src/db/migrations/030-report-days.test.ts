/** Migration 030 on a database with tickets: the rollup is backfilled in each tenant's report time zone. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabaseBefore, type DatabaseBefore } from '../../../test/helpers/database-before-migration.ts';
import type { DatabaseHandle } from '../client.ts';
import { migrateToLatest } from '../migrate.ts';

let before: DatabaseBefore;
let handle: DatabaseHandle;
beforeAll(async () => {
  // The schema as it was before 030.
  before = await openDatabaseBefore('030');
  handle = before.handle;
});
afterAll(async () => { await before?.close(); });

describe('migration 030', () => {
  it('backfills the report rollup from the tickets, in each tenant\'s report zone', async () => {
    const db = handle.db;
    const at = '2024-01-01T00:00:00.000Z';
    for (const t of ['ta', 'tb']) {
      await db.insertInto('tenants').values({ id: t, slug: t, name: t, language: 'en', created_at: at }).execute();
      await db.insertInto('departments').values({ tenant_id: t, id: 1, name: 'Help', slug: 'help', created_at: at, updated_at: at }).execute();
      await db.insertInto('users').values({ id: `c-${t}`, tenant_id: t, email: 'c@example.com', name: 'C', role: 'customer', created_at: at, updated_at: at }).execute();
    }
    await db.insertInto('settings').values({ tenant_id: 'ta', key: 'report_time_zone', value: JSON.stringify('America/Sao_Paulo'), updated_at: at }).execute();
    const ticket = (tenant: string, n: number, created: string, resolved: string | null, firstResponse: string | null) => ({
      id: `${tenant}-${n}`, tenant_id: tenant, number: `TK-${n}`, subject: 'Hola', status: resolved ? 'resolved' : 'open', priority: 'low', department_id: 1,
      requester_id: `c-${tenant}`, channel: 'web', created_at: created, updated_at: created, resolved_at: resolved, first_response_at: firstResponse,
    });
    // 01:30 UTC on May 2nd is still May 1st in São Paulo (UTC−3).
    await db.insertInto('tickets').values([
      ticket('ta', 1, '2024-05-02T01:30:00.000Z', '2024-05-02T04:30:00.000Z', '2024-05-02T01:40:00.000Z'),
      ticket('ta', 2, '2024-05-02T12:00:00.000Z', null, null),
      ticket('tb', 1, '2024-05-02T01:30:00.000Z', '2024-05-02T04:30:00.000Z', null),
    ]).execute();
    await migrateToLatest(handle);
    const rows = await db.selectFrom('report_days').select(['tenant_id', 'day', 'created', 'solved', 'fr_n', 'res_s']).orderBy('tenant_id').orderBy('day').execute();
    const json = (j: unknown) => (typeof j === 'string' ? JSON.parse(j) : j);
    expect(rows.map((r) => ({ ...r, created: Number(r.created), solved: Number(r.solved), fr_n: json(r.fr_n), res_s: json(r.res_s) }))).toEqual([
      { tenant_id: 'ta', day: '2024-05-01', created: 1, solved: 0, fr_n: { [bucketOf(600_000)]: 1 }, res_s: {} },
      // Solved at 01:30 local on May 2nd, beside the ticket created that day.
      { tenant_id: 'ta', day: '2024-05-02', created: 1, solved: 1, fr_n: {}, res_s: { [bucketOf(10_800_000)]: 10_800_000 } },
      { tenant_id: 'tb', day: '2024-05-02', created: 1, solved: 1, fr_n: {}, res_s: { [bucketOf(10_800_000)]: 10_800_000 } },
    ]);
    const dims = await db.selectFrom('report_day_dims').select(['tenant_id', 'day', 'dim', 'value', 'count']).where('dim', '=', 'status').orderBy('tenant_id').orderBy('day').execute();
    expect(dims.map((d) => ({ ...d, count: Number(d.count) }))).toEqual([
      { tenant_id: 'ta', day: '2024-05-01', dim: 'status', value: 'resolved', count: 1 },
      { tenant_id: 'ta', day: '2024-05-02', dim: 'status', value: 'open', count: 1 },
      { tenant_id: 'tb', day: '2024-05-02', dim: 'status', value: 'resolved', count: 1 },
    ]);
    expect(await db.selectFrom('report_day_zones').selectAll().orderBy('tenant_id').execute()).toEqual([
      { tenant_id: 'ta', time_zone: 'America/Sao_Paulo' }, { tenant_id: 'tb', time_zone: 'UTC' },
    ]);
  });
});

/** The bucket of a duration well inside one (not at an edge, where the engines' ln could round apart). */
function bucketOf(ms: number): string {
  return String(1 + Math.floor(Math.log(ms / 1000) / Math.log(1.02)));
}
