import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
const URL = '/tickets/api/tickets/bulk/';

beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
afterAll(async () => stopApiTest({ t, app }));

const newTicket = async (department: number | string = 1) => (await api(app, w.agent.token).post('/tickets/api/tickets/', {
  subject: 'Bulk', department, requester: 'carla@acme.example', messages: [{ body: 'Hi' }],
})).body as { id: string; number: string };
const getTicket = async (id: string) => (await api(app, w.admin.token).get(`/tickets/api/tickets/${id}/`)).body;

describe('POST /tickets/api/tickets/bulk/', () => {
  it('changes the tickets by ids, with the department by slug and tags, and answers the counts', async () => {
    const [a, b] = [await newTicket(), await newTicket()];
    const res = await api(app, w.agent.token).post(URL, { ids: [a.id, b.id], changes: { department: 'ventas', priority: 'urgent', add_tags: ['vip'] } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ matched: 2, updated: 2, unchanged: 0, failed: [] });
    expect(await getTicket(a.id)).toMatchObject({ department: { slug: 'ventas' }, priority: 'urgent', tags: ['vip'] });
  });

  it('by filter, with the list query parameters', async () => {
    const x = await newTicket();
    await api(app, w.agent.token).post(URL, { ids: [x.id], changes: { add_tags: ['by-filter'] } });
    const res = await api(app, w.agent.token).post(URL, { filter: { tag: 'by-filter', status: 'new,open', assignee: 'none' }, changes: { assignee: w.agent.user.id } });
    expect(res.body).toEqual({ matched: 1, updated: 1, unchanged: 0, failed: [] });
    expect(await getTicket(x.id)).toMatchObject({ status: 'open', assignee: { id: w.agent.user.id } });
  });

  it('answers a refused ticket in failed, and counts tickets of other tenants or departments as not matched', async () => {
    const [a, b] = [await newTicket(), await newTicket('ventas')];
    await api(app, w.agent.token).patch(`/tickets/api/tickets/${a.id}/`, { status: 'open' });
    const res = await api(app, w.restrictedAgent.token).post(URL, { ids: [a.id, b.id], changes: { status: 'new' } });
    expect(res.body).toEqual({ matched: 1, updated: 0, unchanged: 1, failed: [] });
    const admin = await api(app, w.admin.token).post(URL, { ids: [a.id, b.id], changes: { status: 'new' } });
    expect(admin.body).toEqual({ matched: 2, updated: 0, unchanged: 1, failed: [{ id: a.id, number: a.number, error: 'cannot go back to new once the ticket is open' }] });
    expect((await api(app, w.otherAdmin.token).post(URL, { ids: [a.id], changes: { priority: 'low' } })).body).toMatchObject({ matched: 0 });
  });

  it('refuses bad input with 422 and customers with 403, changing nothing', async () => {
    const x = await newTicket();
    const bad = [
      { ids: [x.id], filter: {}, changes: { priority: 'low' } },
      { changes: { priority: 'low' } },
      { ids: [x.id], changes: {} },
      { ids: [x.id], changes: { priority: 'lowest' } },
      { ids: [x.id], changes: { priority: 'low', department: 'nope' } },
      { ids: ['not-a-uuid'], changes: { priority: 'low' } },
      { ids: [x.id], changes: { priority: 'low', subject: 'x' } },
    ];
    for (const body of bad) {
      const res = await api(app, w.agent.token).post(URL, body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
    }
    expect((await api(app, w.customer.token).post(URL, { ids: [x.id], changes: { status: 'closed' } })).status).toBe(403);
    expect((await api(app).post(URL, { ids: [x.id], changes: { status: 'closed' } })).status).toBe(401);
    expect(await getTicket(x.id)).toMatchObject({ status: 'new', priority: 'medium' });
  });
});
