/**
 * The reports API against figures computed here, independently, from a small dataset with
 * controlled times; the maintained counters against COUNT(*) after every kind of write.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/shared/clock.ts';
import { recountTicketCounters } from '../../domain/reports/ticket-counters.repo.ts';
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
const create = async (token: string, body: Record<string, unknown>) => {
  const res = await as(token).post('/tickets/api/tickets/', { requester: w.customer.user.email, messages: [{ body: 'x' }], ...body });
  expect(res.status).toBe(201);
  return res.body.id as string;
};

/** The counters summed over shards, against a COUNT(*) of the tickets: equal, row for row. */
async function expectCountersMatchTickets() {
  const db = t.rt.db;
  const counted = await db.selectFrom('tickets').select(['tenant_id', 'department_id', 'assignee_id', 'status', db.fn.countAll<number>().as('n')])
    .groupBy(['tenant_id', 'department_id', 'assignee_id', 'status']).execute();
  const kept = await db.selectFrom('ticket_counters').select(['tenant_id', 'department_id', 'assignee_id', 'status', db.fn.sum<number>('count').as('n')])
    .groupBy(['tenant_id', 'department_id', 'assignee_id', 'status']).execute();
  const key = (r: { tenant_id: string; department_id: number; assignee_id: string | null; status: string }) =>
    `${r.tenant_id}|${r.department_id}|${r.assignee_id ?? ''}|${r.status}`;
  const expected = Object.fromEntries(counted.map((r) => [key(r), Number(r.n)]));
  const actual = Object.fromEntries(kept.filter((r) => Number(r.n) !== 0).map((r) => [key(r), Number(r.n)]));
  expect(actual).toEqual(expected);
}

describe('maintained counters', () => {
  it('follow create, update, bulk update, inbound mail and delete, and answer per visibility', async () => {
    const a = await create(w.agent.token, { subject: 'one' });
    const b = await create(w.agent.token, { subject: 'two', assignee: w.agent.user.id, status: 'open' });
    const c = await create(w.admin.token, { subject: 'three', department: w.salesDepartmentId });
    await expectCountersMatchTickets();

    expect((await as(w.agent.token).patch(`/tickets/api/tickets/${a}/`, { status: 'pending', assignee: w.restrictedAgent.user.id })).status).toBe(200);
    expect((await as(w.agent.token).patch(`/tickets/api/tickets/${b}/`, { department: w.salesDepartmentId })).status).toBe(200);
    await expectCountersMatchTickets();

    const bulk = await as(w.admin.token).post('/tickets/api/tickets/bulk/', { ids: [a, b, c], changes: { status: 'resolved' } });
    expect(bulk.status).toBe(200);
    await expectCountersMatchTickets();

    await deliver(t.rt, eml({ from: 'mailer@acme.example', to: 'ventas@example.com', subject: 'Por correo', body: 'hola' }));
    await expectCountersMatchTickets();

    await t.rt.db.deleteFrom('tickets').where('tenant_id', '=', w.tenantId).where('id', '=', c).execute();
    await expectCountersMatchTickets();
    // A repair from scratch gives the same figures.
    await t.rt.db.updateTable('ticket_counters').set({ count: 99 }).where('tenant_id', '=', w.tenantId).execute();
    await t.rt.db.transaction().execute((tx) => recountTicketCounters(tx, w.tenantId));
    await expectCountersMatchTickets();

    // The API, against an independent count per actor.
    const rows = await t.rt.db.selectFrom('tickets').select(['status', 'department_id', 'assignee_id']).where('tenant_id', '=', w.tenantId).execute();
    const active = new Set(['new', 'open', 'pending', 'on_hold']);
    const expectFor = (visible: typeof rows, me: string) => ({
      counts: Object.fromEntries(['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'].map((s) => [s, visible.filter((r) => r.status === s).length])),
      unassigned: visible.filter((r) => active.has(r.status) && r.assignee_id === null).length,
      mine: visible.filter((r) => active.has(r.status) && r.assignee_id === me).length,
    });
    expect((await as(w.admin.token).get('/tickets/api/reports/counters/')).body).toEqual(expectFor(rows, w.admin.user.id));
    const sam = w.restrictedAgent.user.id;
    const samSees = rows.filter((r) => r.department_id === w.salesDepartmentId || r.assignee_id === sam);
    expect((await as(w.restrictedAgent.token).get('/tickets/api/reports/counters/')).body).toEqual(expectFor(samSees, sam));
    expect((await as(w.admin.token).get(`/tickets/api/reports/counters/?department=${w.salesDepartmentId}`)).body)
      .toEqual(expectFor(rows.filter((r) => r.department_id === w.salesDepartmentId), w.admin.user.id));
    expect((await as(w.admin.token).get(`/tickets/api/reports/counters/?agent=${sam}`)).body)
      .toEqual(expectFor(rows.filter((r) => r.assignee_id === sam), w.admin.user.id));
    // Another tenant's admin sees none of these.
    expect((await as(w.otherAdmin.token).get('/tickets/api/reports/counters/')).body.counts.resolved).toBe(0);
  });
});

/** percentile_cont, written out: linear interpolation between the closest ranks. */
function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((x, y) => x - y);
  const at = (s.length - 1) * p;
  const lo = Math.floor(at);
  return Math.round((s[lo] + ((s[lo + 1] ?? s[lo]) - s[lo]) * (at - lo)) * 10) / 10;
}

describe('period reports on a known dataset', () => {
  const DAY = 86_400_000;
  const base = Date.parse('2026-03-02T00:00:00Z'); // a Monday
  // [created day, hour, first response minutes | null, resolved after minutes | null, breached, who, department]
  type Spec = { day: number; fr: number | null; res: number | null; breached: boolean; who: 'agent' | 'sam' | null; sales: boolean; tag?: string };
  const specs: Spec[] = [
    { day: 0, fr: 10, res: 120, breached: false, who: 'agent', sales: false, tag: 'vip' },
    { day: 0, fr: 30, res: null, breached: false, who: 'agent', sales: false },
    { day: 1, fr: 5, res: 60 * 30, breached: true, who: 'sam', sales: true, tag: 'vip' },
    { day: 3, fr: null, res: null, breached: false, who: null, sales: false },
    { day: 8, fr: 90, res: 200, breached: false, who: 'agent', sales: true },
    { day: 9, fr: 45, res: 1000, breached: false, who: 'sam', sales: true },
    { day: 40, fr: 1, res: 2, breached: false, who: 'agent', sales: false }, // outside the period
  ];
  const ids: string[] = [];
  const q = '?from=2026-03-01&to=2026-03-31';

  beforeAll(async () => {
    const who = { agent: w.agent.user.id, sam: w.restrictedAgent.user.id };
    for (const [i, s] of specs.entries()) {
      const id = await create(w.admin.token, {
        subject: `period ${i}`, department: s.sales ? w.salesDepartmentId : 1, assignee: s.who ? who[s.who] : null, tags: s.tag ? [s.tag] : [],
        status: s.res !== null ? 'resolved' : 'open', category: i % 2 ? 'billing' : null,
      });
      ids.push(id);
      const created = base + s.day * DAY + 9 * 3_600_000;
      const at = (min: number | null) => (min === null ? null : new Date(created + min * 60_000).toISOString());
      await t.rt.db.updateTable('tickets').set({
        created_at: new Date(created).toISOString(), first_response_at: at(s.fr), resolved_at: at(s.res),
        resolution_breached_at: s.breached ? at(s.res) : null,
      }).where('tenant_id', '=', w.tenantId).where('id', '=', id).execute();
    }
    const rate = (i: number, rating: number, agent: string | null) => t.rt.db.insertInto('satisfaction_ratings').values({
      tenant_id: w.tenantId, id: newId(), ticket_id: ids[i], resolved_at: new Date(base + i * DAY).toISOString(), requester_id: null,
      agent_id: agent, department_id: specs[i].sales ? w.salesDepartmentId : 1, scale: 'five', rating, positive: rating >= 4, comment: null,
      source: 'api', created_at: new Date(base + (i + 1) * DAY).toISOString(), updated_at: new Date(base).toISOString(),
    }).execute();
    await rate(0, 5, w.agent.user.id);
    await rate(2, 2, w.restrictedAgent.user.id);
    await rate(4, 4, w.agent.user.id);
  });

  /** The tickets of the dataset created in the period (the other tests' tickets are created now, outside it). */
  const inPeriod = () => specs.filter((s) => s.day < 30);

  it('summary', async () => {
    const res = await as(w.admin.token).get(`/tickets/api/reports/summary/${q}`);
    expect(res.status).toBe(200);
    const p = inPeriod();
    const solved = p.filter((s) => s.res !== null);
    expect(res.body).toMatchObject({
      period: { from: '2026-03-01', to: '2026-03-31' },
      created: p.length, solved: solved.length,
      first_response_minutes: { median: percentile(p.flatMap((s) => (s.fr === null ? [] : [s.fr])), 0.5), p90: percentile(p.flatMap((s) => (s.fr === null ? [] : [s.fr])), 0.9) },
      resolution_minutes: { median: percentile(solved.map((s) => s.res!), 0.5), p90: percentile(solved.map((s) => s.res!), 0.9) },
      sla: { met: 3, breached: 1, compliance: 0.75 },
      csat: { ratings: 3, positive: 2, score: 0.6667, average: 3.67 },
    });
    expect(res.body.backlog_age.map((b: { bucket: string }) => b.bucket)).toEqual(['<1d', '1-3d', '3-7d', '7-30d', '>30d']);
    const openNow = await t.rt.db.selectFrom('tickets').select('created_at').where('tenant_id', '=', w.tenantId)
      .where('status', 'in', ['new', 'open', 'pending', 'on_hold']).execute();
    const old = openNow.filter((r) => Date.now() - Date.parse(r.created_at) > 30 * DAY).length;
    expect(res.body.backlog_age[4].count).toBe(old);
    expect(res.body.backlog_age.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(openNow.length);
  });

  it('summary for an agent limited to a department counts only what they may see', async () => {
    const res = await as(w.restrictedAgent.token).get(`/tickets/api/reports/summary/${q}`);
    const sees = inPeriod().filter((s) => s.sales || s.who === 'sam');
    expect(res.body).toMatchObject({ created: sees.length, solved: sees.filter((s) => s.res !== null).length, sla: { breached: 1 }, csat: { ratings: 2 } });
    const filtered = await as(w.admin.token).get(`/tickets/api/reports/summary/${q}&agent=${w.agent.user.id}`);
    expect(filtered.body.created).toBe(inPeriod().filter((s) => s.who === 'agent').length);
    expect(filtered.body.csat).toMatchObject({ ratings: 2, positive: 2, score: 1 });
  });

  it('created vs solved, per day and per week, with every bucket', async () => {
    const days = (await as(w.admin.token).get(`/tickets/api/reports/created-vs-solved/${q}&interval=day`)).body;
    expect(days.series).toHaveLength(31);
    const onDay = (n: number) => days.series.find((x: { date: string }) => x.date === `2026-03-${String(n).padStart(2, '0')}`);
    expect(onDay(2)).toEqual({ date: '2026-03-02', created: 2, solved: 1 });
    expect(onDay(1)).toEqual({ date: '2026-03-01', created: 0, solved: 0 });
    // Ticket 2 was created on March 3rd at 09:00 and solved 30 hours later, on March 4th.
    expect(onDay(4)).toMatchObject({ created: 0, solved: 1 });
    const weeks = (await as(w.admin.token).get(`/tickets/api/reports/created-vs-solved/${q}&interval=week`)).body;
    expect(weeks.series.map((x: { date: string }) => x.date)).toEqual(['2026-03-01', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
    expect(weeks.series[1]).toMatchObject({ created: 4, solved: 2 });
    expect(weeks.series[2]).toMatchObject({ created: 2, solved: 2 });
    const months = (await as(w.admin.token).get(`/tickets/api/reports/created-vs-solved/?from=2026-02-15&to=2026-04-30&interval=month`)).body;
    expect(months.series).toEqual([
      { date: '2026-02-15', created: 0, solved: 0 }, { date: '2026-03-01', created: 6, solved: 4 }, { date: '2026-04-01', created: 1, solved: 1 },
    ]);
  });

  it('distribution by agent, department, tag and category', async () => {
    const by = async (field: string) => (await as(w.admin.token).get(`/tickets/api/reports/distribution/${q}&by=${field}`)).body.rows;
    const p = inPeriod();
    expect(await by('agent')).toEqual(expect.arrayContaining([
      { key: w.agent.user.id, label: 'Alex Agent', count: p.filter((s) => s.who === 'agent').length },
      { key: w.restrictedAgent.user.id, label: 'Sam Sales', count: p.filter((s) => s.who === 'sam').length },
      { key: null, label: 'Unassigned', count: p.filter((s) => s.who === null).length },
    ]));
    expect(await by('department')).toEqual(expect.arrayContaining([{ key: String(w.salesDepartmentId), label: 'Ventas', count: p.filter((s) => s.sales).length }]));
    expect(await by('tag')).toEqual(expect.arrayContaining([{ key: 'vip', label: 'vip', count: 2 }, { key: null, label: 'No tag', count: 4 }]));
    expect(await by('category')).toEqual(expect.arrayContaining([{ key: 'billing', label: 'billing', count: 3 }, { key: null, label: 'No category', count: 3 }]));
    expect(await by('status')).toEqual(expect.arrayContaining([{ key: 'resolved', label: 'Resolved', count: 4 }, { key: 'open', label: 'Open', count: 2 }]));
    expect((await as(w.admin.token).get(`/tickets/api/reports/distribution/${q}&by=nonsense`)).status).toBe(422);
  });

  it('agents', async () => {
    const rows = (await as(w.admin.token).get(`/tickets/api/reports/agents/${q}`)).body.rows as Array<Record<string, unknown>>;
    const p = inPeriod();
    const mine = p.filter((s) => s.who === 'agent');
    expect(rows.find((r) => r.agent_id === w.agent.user.id)).toEqual({
      agent_id: w.agent.user.id, name: 'Alex Agent', email: 'agent@example.com',
      assigned: mine.length, solved: mine.filter((s) => s.res !== null).length,
      first_response_median_minutes: percentile(mine.map((s) => s.fr!), 0.5),
      resolution_median_minutes: percentile(mine.flatMap((s) => (s.res === null ? [] : [s.res])), 0.5),
      csat_score: 1,
    });
    expect(rows.find((r) => r.agent_id === w.restrictedAgent.user.id)).toMatchObject({ assigned: 2, solved: 2, csat_score: 0 });
  });

  it('answers CSV, spreadsheet-safe, and exports tickets with the list filters', async () => {
    const res = await app.inject({ method: 'GET', url: `/tickets/api/reports/distribution/${q}&by=agent&format=csv`, headers: { authorization: `Bearer ${w.admin.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="distribution-agent\.csv"$/);
    expect(res.body.split('\r\n')[0]).toBe('agent,label,count');
    expect(res.body).toContain(`${w.agent.user.id},Alex Agent,`);

    await create(w.admin.token, { subject: '=HYPERLINK("http://evil.example","x"), then more', tags: ['csv-export'] });
    const exp = await app.inject({ method: 'GET', url: '/tickets/api/tickets/export.csv?tag=csv-export', headers: { authorization: `Bearer ${w.admin.token}` } });
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = exp.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^number,subject,status,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"\'=HYPERLINK(""http://evil.example"",""x""), then more"');
    const all = await app.inject({ method: 'GET', url: '/tickets/api/tickets/export.csv?department=1', headers: { authorization: `Bearer ${w.admin.token}` } });
    const count = await t.rt.db.selectFrom('tickets').select(t.rt.db.fn.countAll<number>().as('n')).where('tenant_id', '=', w.tenantId).where('department_id', '=', 1).executeTakeFirstOrThrow();
    expect(all.body.trim().split('\r\n')).toHaveLength(Number(count.n) + 1);
  });

  it('refuses customers and anonymous callers, and bad periods', async () => {
    expect((await as(w.customer.token).get('/tickets/api/reports/summary/')).status).toBe(403);
    expect((await api(app).get('/tickets/api/reports/counters/')).status).toBe(401);
    expect((await as(w.customer.token).get('/tickets/api/tickets/export.csv')).status).toBe(403);
    const bad = await as(w.admin.token).get('/tickets/api/reports/summary/?from=2026-04-01&to=2026-03-01');
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ field: 'from', message: 'must not be after to' }]);
    expect((await as(w.admin.token).get('/tickets/api/reports/summary/?from=2020-01-01&to=2026-03-01')).status).toBe(422);
    expect((await as(w.admin.token).get('/tickets/api/reports/summary/?from=2026-02-30')).status).toBe(422);
  });
});
