/**
 * The counts beside the list's views: capped (never more than `cap` rows read) and answered
 * from an index on both databases (PostgreSQL is asked with sequential scans discouraged,
 * since on a table this small it would rightly prefer one).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../shared/context.ts';
import { loadActor } from '../users/load-actor.ts';
import { createTicket } from './create-ticket.ts';
import { countTickets } from './list-tickets.ts';
import { resolveTicketFilters, type TicketFilterParams } from './ticket-list-filters.ts';
import { visibleTickets } from './ticket.policy.ts';
import { cappedCount } from './tickets.repo.ts';

let t: TestRuntime;
let w: World;
let admin: Ctx;

beforeAll(async () => {
  t = await createTestRuntime();
  w = await buildWorld(t.rt);
  admin = t.rt.ctx(w.tenantId, await loadActor(t.rt.db, w.admin.user), 'api');
  for (let i = 0; i < 6; i++) {
    await createTicket(admin, { subject: `T${i}`, departmentId: 1, channel: 'api', category: i % 2 ? 'billing' : null, messages: [{ body: 'x', messageType: 'reply' }] });
  }
});
afterAll(async () => { await t?.cleanup(); });

describe('countTickets', () => {
  it('counts up to the cap and no further', async () => {
    expect(await countTickets(admin, {}, 100)).toBe(6);
    expect(await countTickets(admin, {}, 4)).toBe(4);
    expect(await countTickets(admin, { category: 'billing' }, 100)).toBe(3);
    expect(await countTickets(admin, { search: 'nothing-like-this' }, 100)).toBe(0);
  });

  const VIEWS: Array<[string, TicketFilterParams]> = [
    ['mine', { assignee: 'me' }], ['unassigned', { assignee: 'none' }], ['my departments', { department: '1' }], ['all', {}],
    ['status', { status: ['new', 'open'] }], ['priority', { priority: ['high'] }], ['requester', { requester: 'me' }],
    ['category', { category: 'billing' }], ['channel', { channel: 'email' }],
  ];
  it.each(VIEWS)('reads the %s view from an index', async (_name, params) => {
    const query = cappedCount(t.rt.db, w.tenantId, {
      ...await resolveTicketFilters(admin, params), visible: visibleTickets(admin.actor as never, { customersSeeOrganisation: false }),
    }, 1000).compile();
    const plan = await explain(t.rt.db, query.sql, query.parameters);
    expect(plan, plan).not.toMatch(/SCAN tickets(?! USING)|Seq Scan on tickets/);
    expect(plan, plan).toMatch(/USING (COVERING )?INDEX|Index (Only )?Scan|Bitmap Index Scan/);
  });
});

async function explain(db: Db, text: string, parameters: readonly unknown[]): Promise<string> {
  if (t.rt.dialect === 'sqlite') {
    const rows = await sql.raw<{ detail: string }>(`explain query plan ${inline(text, parameters, '?')}`).execute(db);
    return rows.rows.map((r) => r.detail).join('\n');
  }
  return db.transaction().execute(async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx);
    const rows = await sql.raw<{ 'QUERY PLAN': string }>(`explain ${inline(text, parameters, '$')}`).execute(tx);
    return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

/** The parameters written into the SQL (test values only: ids, dates and words of our own). */
function inline(text: string, parameters: readonly unknown[], style: '?' | '$'): string {
  const lit = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  if (style === '?') { let i = 0; return text.replace(/\?/g, () => lit(parameters[i++])); }
  return text.replace(/\$(\d+)/g, (_m, n: string) => lit(parameters[Number(n) - 1]));
}
