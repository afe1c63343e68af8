import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';

const SEED_BODY = {
  subject: 'Error al crear sitio web',
  department: 1,
  priority: 'high',
  messages: [{
    body: 'Al intentar crear un nuevo sitio web desde el panel de hosting, recibo un error 500. Adjunto captura de pantalla del error. El dominio es ejemplo.com y el error ocurre al pulsar el botón Crear.',
    message_type: 'reply',
  }],
};

let t: TestRuntime;
let app: FastifyInstance;
let w: World;

beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
afterAll(async () => stopApiTest({ t, app }));

describe('POST /tickets/api/tickets/ (seed 000)', () => {
  it('creates the seed example and answers with its fields', async () => {
    const res = await api(app, w.customer.token).post('/tickets/api/tickets/', SEED_BODY);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: expect.stringMatching(/^TK-\d{6}$/),
      subject: 'Error al crear sitio web',
      status: 'new',
      priority: 'high',
      department: { id: 1, name: 'Soporte Técnico', slug: 'soporte-tecnico' },
      requester: { email: 'carla@acme.example' },
      organisation: w.organisationId,
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.location).toBe(`/tickets/api/tickets/${res.body.id}/`);
  });

  it('numbers tickets per tenant without gaps or repeats under concurrent creation', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => api(app, w.agent.token).post('/tickets/api/tickets/', SEED_BODY)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const numbers = results.map((r) => r.body.number as string);
    expect(new Set(numbers).size).toBe(20);
    const other = await api(app, w.otherAdmin.token).post('/tickets/api/tickets/', { ...SEED_BODY, department: 1 });
    expect(other.body.number).toBe('TK-000001');
    expect(other.body.department.name).toBe('Suporte Técnico');
  });

  it('requires credentials', async () => {
    const res = await api(app).post('/tickets/api/tickets/', SEED_BODY);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses bad input with field errors and creates nothing', async () => {
    const before = await api(app, w.admin.token).get('/tickets/api/tickets/?limit=200');
    const res = await api(app, w.admin.token).post('/tickets/api/tickets/', { ...SEED_BODY, priority: 'whenever', subject: '' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['priority', 'subject']);
    const unknownDep = await api(app, w.admin.token).post('/tickets/api/tickets/', { ...SEED_BODY, department: 99 });
    expect(unknownDep.status).toBe(422);
    expect(unknownDep.body.errors[0].field).toBe('department');
    const after = await api(app, w.admin.token).get('/tickets/api/tickets/?limit=200');
    expect(after.body.results.length).toBe(before.body.results.length);
  });

  it('does not let customers write notes or set staff fields', async () => {
    const note = await api(app, w.customer.token).post('/tickets/api/tickets/', { ...SEED_BODY, messages: [{ body: 'x', message_type: 'note' }] });
    expect(note.status).toBe(403);
    const assign = await api(app, w.customer.token).post('/tickets/api/tickets/', { ...SEED_BODY, assignee: w.agent.user.id });
    expect(assign.status).toBe(403);
  });

  it('lets staff open a ticket for a requester by address, creating the customer', async () => {
    const res = await api(app, w.agent.token).post('/tickets/api/tickets/', {
      ...SEED_BODY, requester: { email: 'newbie@acme.example', name: 'New Bie' }, tags: ['DNS', 'ssl'], recipients: ['boss@acme.example'],
    });
    expect(res.status).toBe(201);
    expect(res.body.requester).toMatchObject({ email: 'newbie@acme.example', name: 'New Bie', role: 'customer' });
    expect(res.body.organisation).toBe(w.organisationId);
    expect(res.body.tags).toEqual(['dns', 'ssl']);
    expect(res.body.recipients).toEqual(['boss@acme.example']);
  });

  it('applies the department default owner and status', async () => {
    await api(app, w.admin.token).patch(`/tickets/api/departments/${w.salesDepartmentId}/`, { default_owner: w.restrictedAgent.user.id, default_status: 'open' });
    const res = await api(app, w.customer.token).post('/tickets/api/tickets/', { ...SEED_BODY, department: 'ventas' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'open', assignee: { id: w.restrictedAgent.user.id }, department: { slug: 'ventas' } });
  });
});

describe('GET /tickets/api/tickets/<id>/', () => {
  it('shows the thread; customers never see internal notes', async () => {
    const created = await api(app, w.customer.token).post('/tickets/api/tickets/', SEED_BODY);
    const id = created.body.id;
    expect((await api(app, w.agent.token).post(`/tickets/api/tickets/${id}/notes/`, { body: 'Internal: check the logs' })).status).toBe(201);
    expect((await api(app, w.agent.token).post(`/tickets/api/tickets/${id}/reply/`, { body: 'Hola, lo revisamos.', message_type: 'reply' })).status).toBe(201);
    const staffView = await api(app, w.agent.token).get(`/tickets/api/tickets/${id}/`);
    expect(staffView.body.messages.map((m: { message_type: string }) => m.message_type)).toEqual(['reply', 'note', 'reply', 'system']);
    expect(staffView.body.status).toBe('open');
    expect(staffView.body.first_response_at).not.toBeNull();
    const customerView = await api(app, w.customer.token).get(`/tickets/api/tickets/${id}/`);
    expect(customerView.status).toBe(200);
    expect(customerView.body.messages.some((m: { message_type: string }) => m.message_type === 'note')).toBe(false);
  });

  it('answers 404 to other customers, other tenants and restricted agents outside their departments', async () => {
    const id = (await api(app, w.customer.token).post('/tickets/api/tickets/', SEED_BODY)).body.id;
    expect((await api(app, w.stranger.token).get(`/tickets/api/tickets/${id}/`)).status).toBe(404);
    expect((await api(app, w.colleague.token).get(`/tickets/api/tickets/${id}/`)).status).toBe(404);
    expect((await api(app, w.otherAdmin.token).get(`/tickets/api/tickets/${id}/`)).status).toBe(404);
    expect((await api(app, w.restrictedAgent.token).get(`/tickets/api/tickets/${id}/`)).status).toBe(404);
    expect((await api(app).get(`/tickets/api/tickets/${id}/`)).status).toBe(401);
    expect((await api(app, w.admin.token).get('/tickets/api/tickets/not-a-uuid/')).status).toBe(422);
  });

  it("lets customers see their organisation's tickets when the admin enables it", async () => {
    const id = (await api(app, w.customer.token).post('/tickets/api/tickets/', SEED_BODY)).body.id;
    expect((await api(app, w.colleague.token).get(`/tickets/api/tickets/${id}/`)).status).toBe(404);
    await t.rt.db.insertInto('settings').values({ tenant_id: w.tenantId, key: 'customers_see_organisation_tickets', value: 'true', updated_at: new Date().toISOString() }).execute();
    expect((await api(app, w.colleague.token).get(`/tickets/api/tickets/${id}/`)).status).toBe(200);
    const list = await api(app, w.colleague.token).get('/tickets/api/tickets/?limit=200');
    expect(list.body.results.some((r: { id: string }) => r.id === id)).toBe(true);
    await t.rt.db.deleteFrom('settings').where('tenant_id', '=', w.tenantId).where('key', '=', 'customers_see_organisation_tickets').execute();
  });
});

describe('PATCH /tickets/api/tickets/<id>/', () => {
  it('changes fields, writes system messages and one named event per change with old and new values', async () => {
    const id = (await api(app, w.customer.token).post('/tickets/api/tickets/', SEED_BODY)).body.id;
    const res = await api(app, w.agent.token).patch(`/tickets/api/tickets/${id}/`, {
      assignee: w.agent.user.id, priority: 'critical', department: w.salesDepartmentId, tags: ['backup'], category: 'technical',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'open', priority: 'critical', assignee: { id: w.agent.user.id }, department: { id: w.salesDepartmentId }, tags: ['backup'], category: 'technical' });
    const thread = await api(app, w.agent.token).get(`/tickets/api/tickets/${id}/`);
    const system = thread.body.messages.filter((m: { message_type: string }) => m.message_type === 'system').map((m: { body: string }) => m.body);
    expect(system).toEqual([
      'Status changed from new to open by Alex Agent.',
      'Priority changed from high to critical by Alex Agent.',
      'Transferred from Soporte Técnico to Ventas by Alex Agent.',
      'Assigned to Alex Agent by Alex Agent.',
    ]);
    const events = await t.rt.db.selectFrom('events').selectAll().where('tenant_id', '=', w.tenantId)
      .where('subject_id', '=', id).where('name', 'like', 'ticket.%').where('name', '!=', 'ticket.created').orderBy('id').execute();
    expect(events.map((e) => e.name)).toEqual(['ticket.status_changed', 'ticket.priority_changed', 'ticket.department_changed', 'ticket.assigned', 'ticket.category_changed', 'ticket.tags_changed']);
    const priority = events.find((e) => e.name === 'ticket.priority_changed')!;
    expect(JSON.parse(priority.payload)).toMatchObject({ old: 'high', new: 'critical' });
    expect(JSON.parse(events.find((e) => e.name === 'ticket.assigned')!.payload)).toMatchObject({ old: null, new: w.agent.user.id });
    expect(events.every((e) => e.actor_id === w.agent.user.id)).toBe(true);
  });

  it('resolves and closes with timestamps, and lets the customer reopen by replying', async () => {
    const id = (await api(app, w.customer.token).post('/tickets/api/tickets/', SEED_BODY)).body.id;
    const resolved = await api(app, w.agent.token).patch(`/tickets/api/tickets/${id}/`, { status: 'resolved', resolution: 'fixed' });
    expect(resolved.body.resolved_at).not.toBeNull();
    const reply = await api(app, w.customer.token).post(`/tickets/api/tickets/${id}/reply/`, { body: 'Sigue fallando.' });
    expect(reply.status).toBe(201);
    const after = await api(app, w.customer.token).get(`/tickets/api/tickets/${id}/`);
    expect(after.body.status).toBe('open');
    expect(after.body.resolved_at).toBeNull();
  });

  it('refuses customers changing staff fields, unknown resolutions, and other tenants', async () => {
    const id = (await api(app, w.customer.token).post('/tickets/api/tickets/', SEED_BODY)).body.id;
    expect((await api(app, w.customer.token).patch(`/tickets/api/tickets/${id}/`, { priority: 'critical' })).status).toBe(403);
    expect((await api(app, w.customer.token).patch(`/tickets/api/tickets/${id}/`, { status: 'closed' })).status).toBe(200);
    const bad = await api(app, w.agent.token).patch(`/tickets/api/tickets/${id}/`, { resolution: 'magic' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('resolution');
    expect((await api(app, w.otherAdmin.token).patch(`/tickets/api/tickets/${id}/`, { priority: 'low' })).status).toBe(404);
    expect((await api(app).patch(`/tickets/api/tickets/${id}/`, { priority: 'low' })).status).toBe(401);
  });
});
