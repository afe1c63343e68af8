import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let ticketId: string;
let salesTicketId: string;

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
  const created = await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: 'Printer on fire', messages: [{ body: 'It burns' }] });
  ticketId = created.body.id;
  const sales = await api(app, w.admin.token).post('/tickets/api/tickets/', { subject: 'Quote', department: w.salesDepartmentId, requester: w.customer.user.email, messages: [{ body: 'How much?' }] });
  salesTicketId = sales.body.id;
});
afterAll(async () => stopApiTest({ t, app }));

const url = (id: string) => `/tickets/api/tickets/${id}/presence/`;
const beat = (token: string | undefined, id: string, body: unknown) => app.inject({
  method: 'PUT', url: url(id), headers: { ...(token && { authorization: `Bearer ${token}` }), 'content-type': 'application/json' }, payload: JSON.stringify(body),
});
const rows = async () => t.rt.db.selectFrom('ticket_presence').selectAll().where('tenant_id', '=', w.tenantId).execute();

describe('PUT /tickets/api/tickets/{id}/presence/', () => {
  it('answers the other staff on the ticket, with their state, never the caller', async () => {
    const first = await beat(w.agent.token, ticketId, { state: 'viewing' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ others: [], ttl_seconds: 45 });

    expect((await beat(w.admin.token, ticketId, { state: 'replying' })).json().others)
      .toEqual([{ user_id: w.agent.user.id, name: 'Alex Agent', state: 'viewing' }]);
    expect((await beat(w.agent.token, ticketId, { state: 'viewing' })).json().others)
      .toEqual([{ user_id: w.admin.user.id, name: 'Ada Admin', state: 'replying' }]);

    // A second heartbeat changes the state in place: one row per person and ticket.
    await beat(w.admin.token, ticketId, { state: 'viewing' });
    expect((await beat(w.agent.token, ticketId, { state: 'viewing' })).json().others).toEqual([{ user_id: w.admin.user.id, name: 'Ada Admin', state: 'viewing' }]);
    expect((await rows()).filter((r) => r.ticket_id === ticketId)).toHaveLength(2);
  });

  it('forgets someone whose heartbeat expired, and sweeps the expired rows', async () => {
    await beat(w.admin.token, ticketId, { state: 'replying' });
    await t.rt.db.updateTable('ticket_presence').set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('tenant_id', '=', w.tenantId).where('user_id', '=', w.admin.user.id).execute();
    expect((await beat(w.agent.token, ticketId, { state: 'viewing' })).json().others).toEqual([]);
    expect((await rows()).map((r) => r.user_id)).not.toContain(w.admin.user.id);
  });

  it('DELETE says the person left: the others stop seeing them at once', async () => {
    await beat(w.admin.token, ticketId, { state: 'viewing' });
    const left = await api(app, w.admin.token).delete(url(ticketId));
    expect(left.status).toBe(204);
    expect((await beat(w.agent.token, ticketId, { state: 'viewing' })).json().others).toEqual([]);
    expect((await api(app, w.admin.token).delete(url(ticketId))).status).toBe(204);
  });

  it('is for staff only, on tickets they may read; other tenants see nothing', async () => {
    expect((await beat(undefined, ticketId, { state: 'viewing' })).statusCode).toBe(401);
    const customer = await beat(w.customer.token, ticketId, { state: 'viewing' });
    expect(customer.statusCode).toBe(403);
    expect(customer.headers['content-type']).toContain('application/problem+json');
    expect((await api(app, w.customer.token).delete(url(ticketId))).status).toBe(403);
    // The restricted agent works in Sales only: another department's ticket does not exist for them.
    expect((await beat(w.restrictedAgent.token, ticketId, { state: 'viewing' })).statusCode).toBe(404);
    expect((await api(app, w.restrictedAgent.token).delete(url(ticketId))).status).toBe(404);
    expect((await beat(w.restrictedAgent.token, salesTicketId, { state: 'viewing' })).statusCode).toBe(200);
    expect((await beat(w.otherAdmin.token, ticketId, { state: 'viewing' })).statusCode).toBe(404);
    expect((await beat(w.agent.token, '7c9e6679-7425-40de-944b-e07fc1f90ae7', { state: 'viewing' })).statusCode).toBe(404);
    expect((await rows()).map((r) => r.user_id)).not.toContain(w.otherAdmin.user.id);
    expect((await rows()).filter((r) => r.user_id === w.restrictedAgent.user.id).map((r) => r.ticket_id)).toEqual([salesTicketId]);
  });

  it('refuses a bad state or body with 422, changing nothing', async () => {
    const before = await rows();
    for (const body of [{ state: 'typing' }, {}, { state: 'viewing', extra: 1 }]) {
      const res = await beat(w.agent.token, ticketId, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await beat(w.agent.token, 'not-a-uuid', { state: 'viewing' })).statusCode).toBe(422);
    expect((await rows()).map((r) => [r.user_id, r.state, r.expires_at])).toEqual(before.map((r) => [r.user_id, r.state, r.expires_at]));
  });

  it('writes nothing to the event log', async () => {
    const count = async () => (await t.rt.db.selectFrom('events').select('id').where('tenant_id', '=', w.tenantId).execute()).length;
    const before = await count();
    await beat(w.agent.token, ticketId, { state: 'replying' });
    await api(app, w.agent.token).delete(url(ticketId));
    expect(await count()).toBe(before);
  });
});
