import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
const ids: Record<string, string> = {};
const VIEWS = '/tickets/api/views/';

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
  const create = async (token: string, name: string, body: Record<string, unknown>) => {
    const res = await api(app, token).post('/tickets/api/tickets/', { department: 1, messages: [{ body: 'x' }], ...body });
    expect(res.status).toBe(201);
    ids[name] = res.body.id;
  };
  await create(w.customer.token, 'billing', { subject: 'Factura duplicada', priority: 'high' });
  await create(w.colleague.token, 'colleague', { subject: 'Impresora', priority: 'low' });
  await create(w.stranger.token, 'ssl', { subject: 'Certificado caducado', priority: 'high' });
  await create(w.agent.token, 'sales', { subject: 'Presupuesto', department: w.salesDepartmentId, requester: { email: 'lead@prospect.example' }, category: 'question' });
  await api(app, w.agent.token).patch(`/tickets/api/tickets/${ids.billing}/`, { assignee: w.agent.user.id });
});
afterAll(async () => stopApiTest({ t, app }));

const names = (body: { results: Array<{ name: string }> }) => body.results.map((v) => v.name);

describe('saved views', () => {
  let urgent: string;

  it('saves, lists, renames, moves and deletes a person’s views', async () => {
    const agent = api(app, w.agent.token);
    const created = await agent.post(VIEWS, { name: ' Urgent ', filters: { priority: 'high,urgent', sort: '-updated_at' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Urgent', filters: { priority: 'high,urgent', sort: '-updated_at' }, position: 0 });
    urgent = created.body.id;
    expect((await agent.post(VIEWS, { name: 'Sales', filters: { department: 'ventas' } })).status).toBe(201);
    expect((await agent.post(VIEWS, { name: 'Mine open', filters: { assignee: 'me', status: 'new,open' } })).status).toBe(201);
    expect(names((await agent.get(VIEWS)).body)).toEqual(['Urgent', 'Sales', 'Mine open']);

    const renamed = await agent.patch(`${VIEWS}${urgent}/`, { name: 'Hot', position: 2 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Hot', position: 2, filters: { priority: 'high,urgent' } });
    expect(names((await agent.get(VIEWS)).body)).toEqual(['Sales', 'Mine open', 'Hot']);
    expect((await agent.patch(`${VIEWS}${urgent}/`, { filters: { tag: 'vip' } })).body.filters).toEqual({ tag: 'vip' });

    const sales = (await agent.get(VIEWS)).body.results[0].id;
    expect((await agent.delete(`${VIEWS}${sales}/`)).status).toBe(204);
    expect((await agent.delete(`${VIEWS}${sales}/`)).status).toBe(404);
    expect(names((await agent.get(VIEWS)).body)).toEqual(['Mine open', 'Hot']);
  });

  it('keeps views private: another person, even an admin, finds none of them', async () => {
    expect((await api(app, w.admin.token).get(VIEWS)).body.results).toEqual([]);
    expect((await api(app, w.admin.token).patch(`${VIEWS}${urgent}/`, { name: 'Mine now' })).status).toBe(404);
    expect((await api(app, w.admin.token).delete(`${VIEWS}${urgent}/`)).status).toBe(404);
    expect((await api(app, w.otherAdmin.token).delete(`${VIEWS}${urgent}/`)).status).toBe(404);
    expect((await api(app).get(VIEWS)).status).toBe(401);
    expect((await api(app).post(VIEWS, { name: 'x', filters: {} })).status).toBe(401);
    expect(names((await api(app, w.agent.token).get(VIEWS)).body)).toContain('Hot');
  });

  it('lets customers keep views too', async () => {
    const res = await api(app, w.customer.token).post(VIEWS, { name: 'Open', filters: { status: 'open' } });
    expect(res.status).toBe(201);
    expect(names((await api(app, w.customer.token).get(VIEWS)).body)).toEqual(['Open']);
  });

  it('refuses filters the list would refuse, unknown filters, and names taken', async () => {
    const agent = api(app, w.agent.token);
    const bad = await agent.post(VIEWS, { name: 'Bad', filters: { priority: 'soon', created_after: 'yesterday' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['filters.created_after', 'filters.priority.0']);
    expect((await agent.post(VIEWS, { name: 'Bad', filters: { cursor: 'abc' } })).status).toBe(422);
    expect((await agent.post(VIEWS, { name: 'Bad', filters: { status: 7 } })).status).toBe(422);
    expect((await agent.post(VIEWS, { name: '', filters: {} })).status).toBe(422);
    const taken = await agent.post(VIEWS, { name: 'HOT', filters: {} });
    expect(taken.status).toBe(409);
    expect(taken.body.detail).toContain('already have a view named');
    expect(names((await agent.get(VIEWS)).body)).toEqual(['Mine open', 'Hot']);
  });
});

describe('GET /tickets/api/views/counts/', () => {
  const counts = async (token: string) => {
    const res = await api(app, token).get(`${VIEWS}counts/`);
    expect(res.status).toBe(200);
    return res.body as { cap: number; built_in: Array<{ key: string; count: number | null; more: boolean }>; saved: Array<{ id: string; count: number | null }> };
  };
  const byKey = (c: Awaited<ReturnType<typeof counts>>) => Object.fromEntries(c.built_in.map((v) => [v.key, v.count]));

  it('counts the built-in views each person has, within what they may see', async () => {
    expect(byKey(await counts(w.agent.token))).toEqual({ mine: 1, unassigned: 3, my_departments: 3, all: 4 });
    expect(byKey(await counts(w.restrictedAgent.token))).toEqual({ mine: 0, unassigned: 1, my_departments: 1, all: 1 });
    expect(byKey(await counts(w.customer.token))).toEqual({ mine: 1 });
    expect(byKey(await counts(w.otherAdmin.token))).toEqual({ mine: 0, unassigned: 0, all: 0 });
    expect((await counts(w.agent.token)).cap).toBe(999);
  });

  it('counts saved views, and a view whose department is gone counts as null', async () => {
    const agent = api(app, w.agent.token);
    const views = (await agent.get(VIEWS)).body.results as Array<{ id: string; name: string }>;
    const high = (await agent.post(VIEWS, { name: 'High', filters: { priority: 'high' } })).body.id;
    const gone = (await agent.post(VIEWS, { name: 'Gone', filters: { department: 'ventas' } })).body.id;
    await t.rt.db.updateTable('saved_views').set({ filters: JSON.stringify({ department: 'no-such-department' }) }).where('id', '=', gone).execute();
    const c = await counts(w.agent.token);
    const saved = Object.fromEntries(c.saved.map((v) => [v.id, v.count]));
    expect(saved[high]).toBe(2);
    expect(saved[gone]).toBeNull();
    expect(saved[views.find((v) => v.name === 'Mine open')!.id]).toBe(1);
  });

  it("offers customers their organisation's tickets only when the tenant allows it", async () => {
    await t.rt.db.insertInto('settings').values({ tenant_id: w.tenantId, key: 'customers_see_organisation_tickets', value: 'true', updated_at: new Date().toISOString() }).execute();
    const c = await counts(w.customer.token);
    expect(byKey(c)).toEqual({ mine: 1, organisation: 2 });
    expect(c.built_in.find((v) => v.key === 'organisation')).toMatchObject({ filters: { organisation: w.organisationId } });
    expect(byKey(await counts(w.stranger.token))).toEqual({ mine: 1 });
    await t.rt.db.deleteFrom('settings').where('tenant_id', '=', w.tenantId).where('key', '=', 'customers_see_organisation_tickets').execute();
  });
});

describe('list filters added for views', () => {
  const list = async (token: string, query: string) => {
    const res = await api(app, token).get(`/tickets/api/tickets/${query}`);
    expect(res.status).toBe(200);
    return (res.body.results as Array<{ id: string }>).map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0] ?? r.id).sort();
  };

  it('filters by my departments, requester=me, category and channel', async () => {
    expect(await list(w.restrictedAgent.token, '?department=mine')).toEqual(['sales']);
    expect(await list(w.admin.token, '?department=mine')).toEqual([]);
    expect(await list(w.customer.token, '?requester=me')).toEqual(['billing']);
    expect(await list(w.admin.token, '?category=question')).toEqual(['sales']);
    expect(await list(w.admin.token, '?channel=api')).toEqual(['billing', 'colleague', 'sales', 'ssl']);
    expect(await list(w.admin.token, '?channel=email')).toEqual([]);
  });
});

describe('GET /tickets/api/tickets/count/', () => {
  const count = async (token: string, query: string) => (await api(app, token).get(`/tickets/api/tickets/count/${query}`)).body;

  it('counts what the list with the same filters finds, within what the person may see', async () => {
    expect(await count(w.admin.token, '')).toEqual({ cap: 999, count: 4, more: false });
    expect((await count(w.admin.token, '?priority=high')).count).toBe(2);
    expect((await count(w.admin.token, '?priority=high&sort=created_at')).count).toBe(2);
    expect((await count(w.customer.token, '')).count).toBe(1);
    expect((await count(w.restrictedAgent.token, '?priority=high')).count).toBe(0);
    expect((await count(w.otherAdmin.token, '')).count).toBe(0);
    expect((await count(w.admin.token, '?search=certificado')).count).toBe(1);
    expect((await api(app, w.admin.token).get('/tickets/api/tickets/count/?priority=soon')).status).toBe(422);
    expect((await api(app).get('/tickets/api/tickets/count/')).status).toBe(401);
  });
});
