/** The sweep reads idle tickets as a range of tickets_inactivity_idx, never by scanning the table (1M tickets). */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { Db } from '../../db/client.ts';
import { idleTicketsQuery } from './inactivity.repo.ts';

let t: TestRuntime;
beforeAll(async () => { t = await createTestRuntime(); });
afterAll(async () => { await t?.cleanup(); });

describe('listIdleTickets', () => {
  it.each([
    ['idle tickets', {}],
    ['unreminded idle tickets after a cursor', { unreminded: true, after: { at: '2026-01-01T00:00:00.000Z', id: 'x' } }],
  ])('reads %s from tickets_inactivity_idx', async (_name, extra) => {
    const query = idleTicketsQuery(t.rt.db, t.rt.defaultTenantId, { status: 'pending', before: '2026-02-01T00:00:00.000Z', limit: 200, ...extra }).compile();
    const plan = await explain(t.rt.db, query.sql, query.parameters);
    expect(plan, plan).toContain('tickets_inactivity_idx');
    expect(plan, plan).not.toMatch(/SCAN tickets(?! USING)|Seq Scan on tickets/);
  });
});

async function explain(db: Db, text: string, parameters: readonly unknown[]): Promise<string> {
  const lit = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  if (t.rt.dialect === 'sqlite') {
    let i = 0;
    const rows = await sql.raw<{ detail: string }>(`explain query plan ${text.replace(/\?/g, () => lit(parameters[i++]))}`).execute(db);
    return rows.rows.map((r) => r.detail).join('\n');
  }
  return db.transaction().execute(async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx);
    const rows = await sql.raw<{ 'QUERY PLAN': string }>(`explain ${text.replace(/\$(\d+)/g, (_m, n: string) => lit(parameters[Number(n) - 1]))}`).execute(tx);
    return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}
