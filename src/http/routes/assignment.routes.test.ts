/**
 * The API of automatic assignment (docs/assignment.md): a department's `assignment_mode`
 * and a person's `away` flag, who may set them, what is refused, and that a ticket created
 * through the API into a round-robin department comes back assigned.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;

beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
afterAll(async () => stopApiTest({ t, app }));

const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);
const lastEvent = async (name: string, subjectId: string) => {
  const row = await t.rt.db.selectFrom('events').select(['payload', 'actor_id']).where('name', '=', name).where('subject_id', '=', subjectId)
    .orderBy('id', 'desc').executeTakeFirstOrThrow();
  return { actor: row.actor_id, payload: JSON.parse(row.payload) as { changes: Record<string, unknown> } };
};

describe('a department’s assignment_mode', () => {
  it('is manual by default, shown to staff only, and set by admins on create and update (audited)', async () => {
    expect((await api(app, w.agent.token).get('/tickets/api/departments/1/')).body.assignment_mode).toBe('manual');
    expect((await api(app, w.customer.token).get('/tickets/api/departments/1/')).body).not.toHaveProperty('assignment_mode');
    const created = await api(app, w.admin.token).post('/tickets/api/departments/', { name: 'Turnos', assignment_mode: 'least_loaded' });
    expect(created.status).toBe(201);
    expect(created.body.assignment_mode).toBe('least_loaded');
    const patched = await api(app, w.admin.token).patch(`/tickets/api/departments/${created.body.id}/`, { assignment_mode: 'round_robin' });
    expect(patched.status).toBe(200);
    expect(patched.body.assignment_mode).toBe('round_robin');
    expect((await lastEvent('department.updated', String(created.body.id))).payload.changes).toMatchObject({ assignmentMode: 'round_robin' });
  });

  it('starts, for a new department, from the tenant setting assignment_strategy', async () => {
    expect((await api(app, w.admin.token).patch('/tickets/api/settings/', { assignment_strategy: 'least_loaded' })).status).toBe(200);
    try {
      expect((await api(app, w.admin.token).post('/tickets/api/departments/', { name: 'Por defecto' })).body.assignment_mode).toBe('least_loaded');
      expect((await api(app, w.admin.token).post('/tickets/api/departments/', { name: 'A mano', assignment_mode: 'manual' })).body.assignment_mode).toBe('manual');
    } finally {
      await api(app, w.admin.token).patch('/tickets/api/settings/', { assignment_strategy: 'manual' });
    }
  });

  it('refuses an unknown mode (422 problem+json), other roles (403), other tenants (404) and nobody (401)', async () => {
    const bad = await api(app, w.admin.token).patch('/tickets/api/departments/1/', { assignment_mode: 'random' });
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(fieldsOf(bad.body)).toEqual(['assignment_mode']);
    expect((await api(app, w.agent.token).patch('/tickets/api/departments/1/', { assignment_mode: 'round_robin' })).status).toBe(403);
    expect((await api(app, w.otherAdmin.token).patch(`/tickets/api/departments/${w.salesDepartmentId}/`, { assignment_mode: 'round_robin' })).status).toBe(404);
    expect((await api(app).patch('/tickets/api/departments/1/', { assignment_mode: 'round_robin' })).status).toBe(401);
    expect((await api(app, w.agent.token).get('/tickets/api/departments/1/')).body.assignment_mode).toBe('manual');
  });
});

describe('a person’s away flag', () => {
  it('is set by agents for themselves, on /me/ and on their own account, and shown there (audited)', async () => {
    expect((await api(app, w.agent.token).get('/tickets/api/me/')).body.away).toBe(false);
    const me = await api(app, w.agent.token).patch('/tickets/api/me/', { away: true });
    expect(me.status).toBe(200);
    expect(me.body.away).toBe(true);
    expect((await lastEvent('user.updated', w.agent.user.id))).toMatchObject({ actor: w.agent.user.id, payload: { changes: { away: true } } });
    const own = await api(app, w.agent.token).patch(`/tickets/api/users/${w.agent.user.id}/`, { away: false });
    expect(own.status).toBe(200);
    expect(own.body.away).toBe(false);
  });

  it('is set by admins for anyone on the staff, and listed', async () => {
    const res = await api(app, w.admin.token).patch(`/tickets/api/users/${w.restrictedAgent.user.id}/`, { away: true });
    expect(res.status).toBe(200);
    expect(res.body.away).toBe(true);
    const list = await api(app, w.admin.token).get('/tickets/api/users/?role=agent');
    expect(list.body.results.find((u: { id: string }) => u.id === w.restrictedAgent.user.id).away).toBe(true);
    await api(app, w.admin.token).patch(`/tickets/api/users/${w.restrictedAgent.user.id}/`, { away: false });
  });

  it("refuses an agent setting another's flag (403), customers (422), other tenants (404), bad values (422) and nobody (401)", async () => {
    expect((await api(app, w.agent.token).patch(`/tickets/api/users/${w.restrictedAgent.user.id}/`, { away: true })).status).toBe(403);
    expect((await api(app, w.admin.token).get(`/tickets/api/users/${w.restrictedAgent.user.id}/`)).body.away).toBe(false);
    const customer = await api(app, w.customer.token).patch('/tickets/api/me/', { away: true });
    expect(customer.status).toBe(422);
    expect(fieldsOf(customer.body)).toEqual(['away']);
    expect((await api(app, w.admin.token).patch(`/tickets/api/users/${w.customer.user.id}/`, { away: true })).status).toBe(422);
    expect((await api(app, w.otherAdmin.token).patch(`/tickets/api/users/${w.agent.user.id}/`, { away: true })).status).toBe(404);
    const bad = await api(app, w.agent.token).patch('/tickets/api/me/', { away: 'yes' });
    expect(bad.status).toBe(422);
    expect(fieldsOf(bad.body)).toEqual(['away']);
    expect((await api(app).patch('/tickets/api/me/', { away: true })).status).toBe(401);
  });
});

describe('tickets created through the API', () => {
  it('come back assigned in a round-robin department, skipping whoever is away', async () => {
    const dep = await api(app, w.admin.token).post('/tickets/api/departments/', { name: 'Ronda', assignment_mode: 'round_robin' });
    for (const p of [w.agent, w.admin]) {
      const u = (await api(app, w.admin.token).get(`/tickets/api/users/${p.user.id}/`)).body;
      await api(app, w.admin.token).patch(`/tickets/api/users/${p.user.id}/`, { departments: [...u.departments, dep.body.id] });
    }
    await api(app, w.admin.token).patch('/tickets/api/me/', { away: true });
    const assignees = [];
    for (let i = 0; i < 3; i++) {
      const res = await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: `Ronda ${i}`, department: dep.body.id, messages: [{ body: 'hola' }] });
      expect(res.status).toBe(201);
      assignees.push(res.body.assignee?.id);
    }
    expect(assignees).toEqual([w.agent.user.id, w.agent.user.id, w.agent.user.id]);
    await api(app, w.admin.token).patch('/tickets/api/me/', { away: false });
  });
});
