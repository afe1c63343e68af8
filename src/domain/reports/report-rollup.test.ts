/**
 * The reports' daily rollup (migration 030) against figures computed here from the tickets
 * themselves, after every kind of write; percentiles read from its histograms against exact
 * percentiles computed here; and the report time zone: a change rebuilds the rollup, a
 * change made behind its back is answered from the tickets.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET_RATIO } from '../../db/migrations/030-report-days-model.ts';
import { newId } from '../shared/clock.ts';
import { splitIntoMonths } from './rollup-figures.ts';
import { upsertSetting } from '../settings/settings.repo.ts';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import { deliver, eml } from '../../../test/helpers/mail.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;

beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
afterAll(async () => stopApiTest({ t, app }));

const as = (token: string) => api(app, token);
const create = async (body: Record<string, unknown>) => {
  const res = await as(w.admin.token).post('/tickets/api/tickets/', { requester: w.customer.user.email, messages: [{ body: 'x' }], ...body });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const patch = async (id: string, body: Record<string, unknown>) => expect((await as(w.admin.token).patch(`/tickets/api/tickets/${id}/`, body)).status).toBe(200);
const setTimes = (id: string, times: Record<string, string | null>) =>
  t.rt.db.updateTable('tickets').set(times).where('tenant_id', '=', w.tenantId).where('id', '=', id).execute();

const localDay = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
const msBetween = (a: string, b: string) => Date.parse(b) - Date.parse(a);
const bucketBounds = (b: number): [number, number] => (b === 0 ? [-Infinity, 1000] : [1000 * BUCKET_RATIO ** (b - 1), 1000 * BUCKET_RATIO ** b]);
const parse = (j: unknown): Record<string, number> => (typeof j === 'string' ? JSON.parse(j) : (j as Record<string, number>));

type Figures = Record<string, number>;
const bump = (m: Figures, k: string, by: number) => { m[k] = (m[k] ?? 0) + by; };
const nonZero = (m: Figures) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== 0));

/** The rollup summed over shards, and the same figures computed from the tickets: equal, key for key. */
async function expectRollupMatchesTickets(timeZone = 'UTC') {
  const tickets = await t.rt.db.selectFrom('tickets')
    .select(['id', 'tenant_id', 'created_at', 'first_response_at', 'resolved_at', 'department_id', 'assignee_id', 'status', 'priority', 'channel', 'category',
      'first_response_breached_at', 'resolution_breached_at'])
    .where('tenant_id', '=', w.tenantId).execute();
  const tagRows = await t.rt.db.selectFrom('ticket_tags').select(['ticket_id', 'tag_id']).where('tenant_id', '=', w.tenantId).execute();
  const expected: Figures = {};
  for (const tk of tickets) {
    const tags = tagRows.filter((r) => r.ticket_id === tk.id);
    const who = `${tk.department_id}|${tk.assignee_id ?? ''}`;
    const cday = localDay(tk.created_at, timeZone);
    bump(expected, `created|${cday}|${who}`, 1);
    for (const [dim, v] of [['status', tk.status], ['priority', tk.priority], ['channel', tk.channel], ['category', tk.category ?? '']]) bump(expected, `${dim}=${v}|${cday}|${who}`, 1);
    for (const tag of tags) bump(expected, `tag=${tag.tag_id}|${cday}|${who}`, 1);
    if (tags.length) bump(expected, `tagged=|${cday}|${who}`, 1);
    if (tk.first_response_at) {
      for (const at of [cday, cday.slice(0, 7)]) {
        bump(expected, `fr_n|${at}|${who}`, 1);
        bump(expected, `fr_s|${at}|${who}`, msBetween(tk.created_at, tk.first_response_at));
      }
    }
    if (tk.resolved_at) {
      const sday = localDay(tk.resolved_at, timeZone);
      bump(expected, `solved|${sday}|${who}`, 1);
      bump(expected, `breached|${sday}|${who}`, tk.first_response_breached_at || tk.resolution_breached_at ? 1 : 0);
      for (const at of [sday, sday.slice(0, 7)]) {
        bump(expected, `res_n|${at}|${who}`, 1);
        bump(expected, `res_s|${at}|${who}`, msBetween(tk.created_at, tk.resolved_at));
      }
    }
  }
  const actual: Figures = {};
  const days = await t.rt.db.selectFrom('report_days').selectAll().where('tenant_id', '=', w.tenantId).execute();
  for (const r of days) for (const k of ['created', 'solved', 'breached'] as const) bump(actual, `${k}|${r.day}|${r.department_id}|${r.assignee_id}`, Number(r[k]));
  const months = await t.rt.db.selectFrom('report_months').selectAll().where('tenant_id', '=', w.tenantId).execute();
  for (const r of [...days.map((d) => ({ ...d, at: d.day })), ...months.map((m) => ({ ...m, at: m.month }))]) {
    const at = `${r.at}|${r.department_id}|${r.assignee_id}`;
    for (const h of ['fr', 'res'] as const) {
      const n = parse(r[`${h}_n`]);
      const s = parse(r[`${h}_s`]);
      for (const b of Object.keys(n)) { bump(actual, `${h}_n|${at}`, Number(n[b])); bump(actual, `${h}_s|${at}`, Number(s[b] ?? 0)); }
    }
  }
  for (const r of await t.rt.db.selectFrom('report_day_dims').selectAll().where('tenant_id', '=', w.tenantId).execute()) {
    bump(actual, `${r.dim}=${r.value}|${r.day}|${r.department_id}|${r.assignee_id}`, Number(r.count));
  }
  expect(nonZero(actual)).toEqual(nonZero(expected));
  await expectBucketsHoldTheirDurations();
}

/** Summed over shards, each bucket's durations average within the bucket's bounds (what the 2% error rests on). */
async function expectBucketsHoldTheirDurations() {
  const days = await t.rt.db.selectFrom('report_days').select(['day as at', 'department_id', 'assignee_id', 'fr_n', 'fr_s', 'res_n', 'res_s']).where('tenant_id', '=', w.tenantId).execute();
  const months = await t.rt.db.selectFrom('report_months').select(['month as at', 'department_id', 'assignee_id', 'fr_n', 'fr_s', 'res_n', 'res_s']).where('tenant_id', '=', w.tenantId).execute();
  const sums = new Map<string, [number, number]>();
  for (const r of [...days, ...months]) {
    for (const h of ['fr', 'res'] as const) {
      const n = parse(r[`${h}_n`]);
      const s = parse(r[`${h}_s`]);
      for (const b of Object.keys(n)) {
        const k = `${h}|${r.at}|${r.department_id}|${r.assignee_id}|${b}`;
        const cur = sums.get(k) ?? [0, 0];
        sums.set(k, [cur[0] + Number(n[b]), cur[1] + Number(s[b] ?? 0)]);
      }
    }
  }
  for (const [k, [n, s]] of sums) {
    if (n === 0) { expect(s, k).toBe(0); continue; }
    const [lo, hi] = bucketBounds(Number(k.split('|').pop()));
    expect(s / n, k).toBeGreaterThanOrEqual(lo - 1);
    expect(s / n, k).toBeLessThan(hi + 1);
  }
}

describe('the report rollup', () => {
  it('follows create, status change, reassignment, department move, reopen, tags, bulk update, mail, SQL and delete', async () => {
    const a = await create({ subject: 'one', category: 'billing', priority: 'high', tags: ['vip', 'urgent'] });
    const b = await create({ subject: 'two', assignee: w.agent.user.id, status: 'open', tags: ['vip'] });
    const c = await create({ subject: 'three', department: w.salesDepartmentId, assignee: w.restrictedAgent.user.id });
    await expectRollupMatchesTickets();

    // Back-dated, answered and resolved on other days than created (a manual SQL write).
    await setTimes(a, { created_at: '2026-03-02T23:30:00.000Z', first_response_at: '2026-03-03T00:10:00.000Z' });
    await setTimes(b, { created_at: '2026-03-01T10:00:00.000Z', first_response_at: '2026-03-01T10:00:00.400Z' });
    await expectRollupMatchesTickets();

    await patch(a, { status: 'pending' });
    await patch(a, { assignee: w.agent.user.id });
    await patch(c, { tags: ['later'] });
    await patch(b, { department: w.salesDepartmentId });
    await patch(c, { status: 'resolved' });
    await expectRollupMatchesTickets();

    await setTimes(c, { resolution_breached_at: new Date().toISOString() });
    await patch(c, { status: 'open' }); // reopened: resolved_at cleared
    await expectRollupMatchesTickets();
    await patch(c, { status: 'resolved', priority: 'low', assignee: null });
    await expectRollupMatchesTickets();

    const bulk = await as(w.admin.token).post('/tickets/api/tickets/bulk/', { ids: [a, b, c], changes: { status: 'resolved', assignee: w.restrictedAgent.user.id } });
    expect(bulk.status).toBe(200);
    await expectRollupMatchesTickets();
    const retag = await as(w.admin.token).post('/tickets/api/tickets/bulk/', { ids: [a, b, c], changes: { add_tags: ['bulk', 'more'], remove_tags: ['vip'] } });
    expect(retag.status).toBe(200);
    await expectRollupMatchesTickets();
    await patch(b, { tags: [] });
    await expectRollupMatchesTickets();
    // A tag deleted takes its ticket_tags with it (a cascade).
    await t.rt.db.deleteFrom('tags').where('tenant_id', '=', w.tenantId).where('name', '=', 'more').execute();
    await expectRollupMatchesTickets();
    await patch(b, { status: 'closed' });
    await expectRollupMatchesTickets();

    await deliver(t.rt, eml({ from: 'mailer@acme.example', to: 'ventas@example.com', subject: 'Por correo', body: 'hola' }));
    await expectRollupMatchesTickets();

    // A tagged ticket deleted (its ticket_tags go by cascade).
    expect(await t.rt.db.selectFrom('ticket_tags').select('tag_id').where('tenant_id', '=', w.tenantId).where('ticket_id', '=', a).execute()).not.toEqual([]);
    await t.rt.db.deleteFrom('tickets').where('tenant_id', '=', w.tenantId).where('id', 'in', [a, c]).execute();
    await expectRollupMatchesTickets();
    // Another tenant's writes land in its own rows.
    const other = (await as(w.otherAdmin.token).post('/tickets/api/tickets/', { requester: w.otherCustomer.user.email, messages: [{ body: 'x' }], subject: 'o' }));
    expect(other.status).toBe(201);
    await expectRollupMatchesTickets();
    expect(await t.rt.db.selectFrom('report_days').select('created').where('tenant_id', '=', w.otherTenantId).execute()).toEqual([expect.objectContaining({ created: 1 })]);
  });

  it('stays right, with the dashboard counters, when tickets move in opposite directions at once (on PostgreSQL, from several connections)', async () => {
    const [agent, sam] = [w.agent.user.id, w.restrictedAgent.user.id];
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => create({ subject: `both ways ${i}`, assignee: i % 2 ? agent : sam, status: 'open' })));
    await expectRollupMatchesTickets();
    await Promise.all(ids.map((id, i) => patch(id, { assignee: i % 2 ? sam : agent, status: i % 3 ? 'resolved' : 'pending' })));
    await Promise.all(ids.map((id, i) => patch(id, { assignee: i % 2 ? agent : sam, department: i % 4 ? w.salesDepartmentId : 1 })));
    await expectRollupMatchesTickets();
    // The dashboard's counters (migration 028, sharded per connection on PostgreSQL) too.
    const db = t.rt.db;
    const byKey = (rows: Array<{ department_id: number; assignee_id: string | null; status: string; n: unknown }>) =>
      Object.fromEntries(rows.filter((r) => Number(r.n) !== 0).map((r) => [`${r.department_id}|${r.assignee_id ?? ''}|${r.status}`, Number(r.n)]));
    const counted = await db.selectFrom('tickets').select(['department_id', 'assignee_id', 'status', db.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', w.tenantId).groupBy(['department_id', 'assignee_id', 'status']).execute();
    const kept = await db.selectFrom('ticket_counters').select(['department_id', 'assignee_id', 'status', db.fn.sum<number>('count').as('n')])
      .where('tenant_id', '=', w.tenantId).groupBy(['department_id', 'assignee_id', 'status']).execute();
    expect(byKey(kept)).toEqual(byKey(counted));
  });
});

/** percentile_cont over the values, written out (as reports.routes.test.ts does). */
function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((x, y) => x - y);
  const at = (s.length - 1) * p;
  const lo = Math.floor(at);
  return s[lo] + ((s[lo + 1] ?? s[lo]) - s[lo]) * (at - lo);
}

describe('whole months and edge days of a period', () => {
  it('splits a period into the months it covers and the days left at its edges', () => {
    expect(splitIntoMonths('2026-05-01', '2026-05-31')).toEqual({ months: { from: '2026-05', to: '2026-05' }, edges: [] });
    expect(splitIntoMonths('2025-12-03', '2026-12-02')).toEqual({
      months: { from: '2026-01', to: '2026-11' }, edges: [{ from: '2025-12-03', to: '2025-12-31' }, { from: '2026-12-01', to: '2026-12-02' }],
    });
    expect(splitIntoMonths('2024-02-10', '2024-02-29')).toEqual({ months: null, edges: [{ from: '2024-02-10', to: '2024-02-29' }] });
    expect(splitIntoMonths('2024-01-31', '2024-03-01')).toEqual({
      months: { from: '2024-02', to: '2024-02' }, edges: [{ from: '2024-01-31', to: '2024-01-31' }, { from: '2024-03-01', to: '2024-03-01' }],
    });
    expect(splitIntoMonths('2026-05-04', '2026-05-21')).toEqual({ months: null, edges: [{ from: '2026-05-04', to: '2026-05-21' }] });
  });
});

describe('percentiles from the rollup', () => {
  it('stay within 2% of the exact percentiles, overall and per agent', async () => {
    // 400 tickets created in May 2026, durations from under a second to weeks (log-uniform), solved up to months later.
    const first = await create({ subject: 'a model row' });
    const sample = await t.rt.db.selectFrom('tickets').selectAll().where('tenant_id', '=', w.tenantId).where('id', '=', first).executeTakeFirstOrThrow();
    await t.rt.db.deleteFrom('tickets').where('tenant_id', '=', w.tenantId).where('id', '=', first).execute();
    let seed = 12345;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    const base = Date.parse('2026-05-01T00:00:00Z');
    const made: Array<{ created_at: string; resolved_at: string | null; frMs: number; resMs: number; assignee: string | null }> = [];
    const agents = [w.agent.user.id, w.restrictedAgent.user.id, null];
    for (let i = 0; i < 400; i++) {
      const created = base + Math.floor(random() * 30 * 86_400_000);
      const frMs = Math.round(10 ** (random() * 9));
      const resMs = frMs + Math.round(10 ** (random() * 9.5));
      const assignee = agents[i % 3];
      const resolved = i % 4 !== 0;
      const id = newId();
      await t.rt.db.insertInto('tickets').values({
        ...sample, id, number: `P-${i}`, assignee_id: assignee, department_id: 1, status: resolved ? 'resolved' : 'open',
        created_at: new Date(created).toISOString(), first_response_at: new Date(created + frMs).toISOString(),
        resolved_at: resolved ? new Date(created + resMs).toISOString() : null, first_response_breached_at: null, resolution_breached_at: null,
      }).execute();
      made.push({ created_at: new Date(created).toISOString(), resolved_at: resolved ? new Date(created + resMs).toISOString() : null, frMs, resMs, assignee });
    }
    const near = (got: number | null, exact: number | null) => {
      expect(got).not.toBeNull();
      expect(Math.abs(got! - exact!)).toBeLessThanOrEqual(0.02 * exact! + 0.05); // 2%, plus the report's rounding to 0.1 minute
    };
    // A whole month (read from report_months), days within it (report_days), and a month with days on both sides (both).
    for (const [from, to] of [['2026-05-01', '2026-05-31'], ['2026-05-04', '2026-05-21'], ['2026-04-20', '2026-06-03']]) {
      const inPeriod = (iso: string) => localDay(iso, 'UTC') >= from && localDay(iso, 'UTC') <= to;
      const fr: Record<string, number[]> = { all: [] };
      const res: Record<string, number[]> = { all: [] };
      let created = 0;
      for (const tk of made) {
        if (inPeriod(tk.created_at)) {
          created++;
          for (const k of ['all', tk.assignee ?? 'none']) (fr[k] ??= []).push(tk.frMs / 60_000);
        }
        if (tk.resolved_at && inPeriod(tk.resolved_at)) for (const k of ['all', tk.assignee ?? 'none']) (res[k] ??= []).push(tk.resMs / 60_000);
      }
      const q = `?from=${from}&to=${to}`;
      const summary = (await as(w.admin.token).get(`/tickets/api/reports/summary/${q}`)).body;
      near(summary.first_response_minutes.median, percentile(fr.all, 0.5));
      near(summary.first_response_minutes.p90, percentile(fr.all, 0.9));
      near(summary.resolution_minutes.median, percentile(res.all, 0.5));
      near(summary.resolution_minutes.p90, percentile(res.all, 0.9));
      expect(summary.created).toBe(created);
      expect(summary.solved).toBe(res.all.length);
      const rows = (await as(w.admin.token).get(`/tickets/api/reports/agents/${q}`)).body.rows as Array<Record<string, number>>;
      for (const id of [w.agent.user.id, w.restrictedAgent.user.id]) {
        const row = rows.find((r) => (r.agent_id as unknown) === id)!;
        near(row.first_response_median_minutes, percentile(fr[id], 0.5));
        near(row.resolution_median_minutes, percentile(res[id], 0.5));
      }
    }
    await expectRollupMatchesTickets();
  });
});

describe('the report time zone', () => {
  const perDay = async (q: string) => Object.fromEntries(
    ((await as(w.admin.token).get(`/tickets/api/reports/created-vs-solved/${q}&interval=day`)).body.series as Array<{ date: string; created: number; solved: number }>)
      .filter((d) => d.created || d.solved).map((d) => [d.date, [d.created, d.solved]]),
  );
  const expectedPerDay = async (timeZone: string, from: string, to: string) => {
    const tickets = await t.rt.db.selectFrom('tickets').select(['created_at', 'resolved_at']).where('tenant_id', '=', w.tenantId).execute();
    const out: Record<string, [number, number]> = {};
    for (const tk of tickets) {
      const c = localDay(tk.created_at, timeZone);
      if (c >= from && c <= to) (out[c] ??= [0, 0])[0]++;
      const s = tk.resolved_at && localDay(tk.resolved_at, timeZone);
      if (s && s >= from && s <= to) (out[s] ??= [0, 0])[1]++;
    }
    return out;
  };

  it('rebuilds the rollup in the new zone when the setting changes, and counts from the tickets when it changed behind its back', async () => {
    // Tickets around midnight in Kolkata (+05:30) and around Madrid's change of clocks.
    for (const at of ['2026-03-28T18:29:00.000Z', '2026-03-28T18:31:00.000Z', '2026-03-28T23:30:00.000Z', '2026-03-29T00:30:00.000Z', '2026-03-29T22:30:00.000Z']) {
      const id = await create({ subject: at });
      await setTimes(id, { created_at: at, resolved_at: new Date(Date.parse(at) + 45 * 60_000).toISOString() });
    }
    const q = '?from=2026-03-27&to=2026-03-31';
    for (const zone of ['Asia/Kolkata', 'Europe/Madrid']) {
      expect((await as(w.admin.token).patch('/tickets/api/settings/', { report_time_zone: zone })).status).toBe(200);
      expect(await t.rt.db.selectFrom('report_day_zones').select('time_zone').where('tenant_id', '=', w.tenantId).executeTakeFirst()).toEqual({ time_zone: zone });
      await expectRollupMatchesTickets(zone);
      expect(await perDay(q)).toEqual(await expectedPerDay(zone, '2026-03-27', '2026-03-31'));
      const id = await create({ subject: `after ${zone}` }); // written by the triggers in the new zone
      await setTimes(id, { created_at: '2026-03-28T18:45:00.000Z' });
      await expectRollupMatchesTickets(zone);
    }
    // Changed in the database without the command: the rollup stays in Madrid's days, the reports follow the setting.
    await upsertSetting(t.rt.db, w.tenantId, 'report_time_zone', 'Pacific/Chatham', new Date().toISOString());
    expect(await perDay(q)).toEqual(await expectedPerDay('Pacific/Chatham', '2026-03-27', '2026-03-31'));
    const summary = (await as(w.admin.token).get(`/tickets/api/reports/summary/${q}`)).body;
    const days = await expectedPerDay('Pacific/Chatham', '2026-03-27', '2026-03-31');
    expect(summary.created).toBe(Object.values(days).reduce((n, [c]) => n + c, 0));
    expect(summary.resolution_minutes.median).toBe(45);
    // Saving the same zone through the command brings the rollup to it.
    expect((await as(w.admin.token).patch('/tickets/api/settings/', { report_time_zone: 'Pacific/Chatham' })).status).toBe(200);
    await expectRollupMatchesTickets('Pacific/Chatham');
    expect(await perDay(q)).toEqual(days);
  });
});
