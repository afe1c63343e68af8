import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;

beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
afterAll(async () => stopApiTest({ t, app }));

const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);
const login = (email: string, password: string) => api(app).post('/tickets/api/auth/token/', { email, password });

describe('GET /tickets/api/users/', () => {
  it('needs credentials', async () => {
    const res = await api(app).get('/tickets/api/users/');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses customers', async () => {
    expect((await api(app, w.customer.token).get('/tickets/api/users/')).status).toBe(403);
  });

  it("lists only the caller's tenant, without password hashes", async () => {
    const res = await api(app, w.agent.token).get('/tickets/api/users/?limit=200');
    expect(res.status).toBe(200);
    const emails = res.body.results.map((u: { email: string }) => u.email);
    expect(emails).toEqual(expect.arrayContaining(['admin@example.com', 'agent@example.com', 'carla@acme.example', 'sue@elsewhere.example']));
    expect(res.body.results.map((u: { id: string }) => u.id)).not.toContain(w.otherCustomer.user.id);
    expect(res.raw).not.toContain('password');
    const sam = res.body.results.find((u: { email: string }) => u.email === 'sales@example.com');
    expect(sam).toMatchObject({ role: 'agent', departments: [w.salesDepartmentId], restricted_to_departments: true, is_active: true });

    const other = await api(app, w.otherAdmin.token).get('/tickets/api/users/');
    expect(other.body.results.map((u: { id: string }) => u.id).sort()).toEqual([w.otherAdmin.user.id, w.otherCustomer.user.id].sort());
  });

  it('filters by role, organisation and search', async () => {
    const a = api(app, w.admin.token);
    const customers = await a.get('/tickets/api/users/?role=customer');
    expect(customers.body.results.every((u: { role: string }) => u.role === 'customer')).toBe(true);
    expect(customers.body.results.length).toBeGreaterThanOrEqual(3);
    const acme = await a.get(`/tickets/api/users/?organisation=${w.organisationId}`);
    expect(acme.body.results.map((u: { name: string }) => u.name)).toEqual(['Carla Customer', 'Colin Colleague']);
    const search = await a.get('/tickets/api/users/?search=SALES');
    expect(search.body.results.map((u: { id: string }) => u.id)).toEqual([w.restrictedAgent.user.id]);
  });

  it('pages by name with a cursor, without gaps or repeats', async () => {
    const a = api(app, w.admin.token);
    const all = (await a.get('/tickets/api/users/?limit=200')).body.results.map((u: { id: string }) => u.id);
    const seen: string[] = [];
    let url = '/tickets/api/users/?limit=2';
    for (let i = 0; i < 20; i++) {
      const res = await a.get(url);
      expect(res.status).toBe(200);
      expect(res.body.results.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.results.map((u: { id: string }) => u.id));
      if (!res.body.next_cursor) break;
      url = `/tickets/api/users/?limit=2&cursor=${res.body.next_cursor}`;
    }
    expect(seen).toEqual(all);
  });

  it('refuses bad filters with field errors', async () => {
    const a = api(app, w.admin.token);
    const role = await a.get('/tickets/api/users/?role=boss');
    expect(role.status).toBe(422);
    expect(fieldsOf(role.body)).toContain('role');
    const cursor = await a.get('/tickets/api/users/?cursor=nonsense');
    expect(cursor.status).toBe(422);
    expect(fieldsOf(cursor.body)).toEqual(['cursor']);
    expect(fieldsOf((await a.get('/tickets/api/users/?organisation=acme')).body)).toContain('organisation');
  });
});

describe('GET /tickets/api/users/:id/', () => {
  it('needs credentials', async () => {
    expect((await api(app).get(`/tickets/api/users/${w.customer.user.id}/`)).status).toBe(401);
  });

  it('shows staff any account of the tenant', async () => {
    const res = await api(app, w.agent.token).get(`/tickets/api/users/${w.agent.user.id}/`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: w.agent.user.id, email: 'agent@example.com', role: 'agent', departments: [1], organisation: null });
    expect(res.body).not.toHaveProperty('password_hash');
    const customer = await api(app, w.admin.token).get(`/tickets/api/users/${w.customer.user.id}/`);
    expect(customer.body).toMatchObject({ role: 'customer', organisation: w.organisationId });
  });

  it('lets a customer read only themself', async () => {
    expect((await api(app, w.customer.token).get(`/tickets/api/users/${w.customer.user.id}/`)).status).toBe(200);
    expect((await api(app, w.customer.token).get(`/tickets/api/users/${w.colleague.user.id}/`)).status).toBe(404);
    expect((await api(app, w.customer.token).get(`/tickets/api/users/${w.admin.user.id}/`)).status).toBe(404);
  });

  it("answers 404 for another tenant's account", async () => {
    expect((await api(app, w.otherAdmin.token).get(`/tickets/api/users/${w.customer.user.id}/`)).status).toBe(404);
  });

  it('refuses an id that is not a UUID', async () => {
    const res = await api(app, w.admin.token).get('/tickets/api/users/42/');
    expect(res.status).toBe(422);
    expect(fieldsOf(res.body)).toContain('id');
  });
});

describe('POST /tickets/api/users/', () => {
  it('needs credentials', async () => {
    expect((await api(app).post('/tickets/api/users/', { email: 'x@example.com', name: 'X', role: 'customer' })).status).toBe(401);
  });

  it('refuses customers, and agents creating staff', async () => {
    expect((await api(app, w.customer.token).post('/tickets/api/users/', { email: 'x@example.com', name: 'X', role: 'customer' })).status).toBe(403);
    expect((await api(app, w.agent.token).post('/tickets/api/users/', { email: 'y@example.com', name: 'Y', role: 'agent' })).status).toBe(403);
  });

  it('lets an agent create a customer, placed in the organisation of its domain', async () => {
    const res = await api(app, w.agent.token).post('/tickets/api/users/', { email: 'Dora@Acme.example', name: 'Dora', role: 'customer' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/tickets/api/users/${res.body.id}/`);
    expect(res.body).toMatchObject({ email: 'dora@acme.example', role: 'customer', organisation: w.organisationId, departments: [] });
  });

  it('lets an admin create an agent who can then sign in', async () => {
    const res = await api(app, w.admin.token).post('/tickets/api/users/', {
      email: 'nina@example.com', name: 'Nina New', role: 'agent', password: 'a long enough password',
      departments: [w.salesDepartmentId], restricted_to_departments: true, language: 'pt-BR',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'agent', departments: [w.salesDepartmentId], restricted_to_departments: true, language: 'pt-BR', can_access_ticketing: true });
    expect(res.raw).not.toContain('password');
    expect((await login('nina@example.com', 'a long enough password')).status).toBe(200);
  });

  it('keeps tenants apart: the same address may exist in each', async () => {
    const res = await api(app, w.otherAdmin.token).post('/tickets/api/users/', { email: 'agent@example.com', name: 'Other Agent', role: 'agent' });
    expect(res.status).toBe(201);
    const mine = await api(app, w.admin.token).get(`/tickets/api/users/${res.body.id}/`);
    expect(mine.status).toBe(404);
  });

  it('answers 409 for an address already taken', async () => {
    const res = await api(app, w.admin.token).post('/tickets/api/users/', { email: 'agent@example.com', name: 'Again', role: 'agent' });
    expect(res.status).toBe(409);
  });

  it('refuses bad input with field errors', async () => {
    const a = api(app, w.admin.token);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ email: 'not-an-address', name: 'X', role: 'agent' }, 'email'],
      [{ email: 'x@example.com', role: 'agent' }, 'name'],
      [{ email: 'x@example.com', name: 'X', role: 'owner' }, 'role'],
      [{ email: 'x@example.com', name: 'X', role: 'agent', password: 'short' }, 'password'],
      [{ email: 'x@example.com', name: 'X', role: 'agent', departments: [999] }, 'departments'],
      [{ email: 'x@example.com', name: 'X', role: 'customer', organisation: '00000000-0000-4000-8000-000000000000' }, 'organisation'],
    ];
    for (const [body, field] of cases) {
      const res = await a.post('/tickets/api/users/', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(fieldsOf(res.body)).toContain(field);
    }
    expect((await a.get('/tickets/api/users/?search=x@example.com')).body.results).toEqual([]);
  });
});

describe('PATCH /tickets/api/users/:id/', () => {
  it('needs credentials', async () => {
    expect((await api(app).patch(`/tickets/api/users/${w.customer.user.id}/`, { name: 'X' })).status).toBe(401);
  });

  it('lets admins change role, departments and access', async () => {
    const created = await api(app, w.admin.token).post('/tickets/api/users/', { email: 'pat@example.com', name: 'Pat', role: 'customer' });
    const res = await api(app, w.admin.token).patch(`/tickets/api/users/${created.body.id}/`, {
      role: 'agent', departments: [1, w.salesDepartmentId], can_access_ticketing: false, name: 'Pat Agent',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'agent', departments: [1, w.salesDepartmentId], can_access_ticketing: false, name: 'Pat Agent' });
  });

  it('signs out a deactivated account', async () => {
    const created = await api(app, w.admin.token).post('/tickets/api/users/', { email: 'quinn@example.com', name: 'Quinn', role: 'agent', password: 'quinn password 1' });
    const token = (await login('quinn@example.com', 'quinn password 1')).body.access;
    expect((await api(app, token).get('/tickets/api/me/')).status).toBe(200);
    const res = await api(app, w.admin.token).patch(`/tickets/api/users/${created.body.id}/`, { is_active: false });
    expect(res.body.is_active).toBe(false);
    expect((await api(app, token).get('/tickets/api/me/')).status).toBe(401);
  });

  it('lets others change only their own name and language', async () => {
    expect((await api(app, w.agent.token).patch(`/tickets/api/users/${w.colleague.user.id}/`, { name: 'Renamed' })).status).toBe(403);
    expect((await api(app, w.agent.token).patch(`/tickets/api/users/${w.agent.user.id}/`, { role: 'admin' })).status).toBe(403);
    expect((await api(app, w.customer.token).patch(`/tickets/api/users/${w.colleague.user.id}/`, { name: 'Renamed' })).status).toBe(403);
    const own = await api(app, w.agent.token).patch(`/tickets/api/users/${w.agent.user.id}/`, { name: 'Alex A. Agent', language: 'es' });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ name: 'Alex A. Agent', language: 'es', role: 'agent' });
  });

  it("answers 404 for another tenant's account", async () => {
    expect((await api(app, w.otherAdmin.token).patch(`/tickets/api/users/${w.customer.user.id}/`, { name: 'Hijacked' })).status).toBe(404);
    expect((await api(app, w.admin.token).get(`/tickets/api/users/${w.customer.user.id}/`)).body.name).toBe('Carla Customer');
  });

  it('keeps the last admin of a tenant', async () => {
    const res = await api(app, w.otherAdmin.token).patch(`/tickets/api/users/${w.otherAdmin.user.id}/`, { role: 'agent' });
    expect(res.status).toBe(409);
  });

  it('refuses bad input with field errors', async () => {
    const a = api(app, w.admin.token);
    const url = `/tickets/api/users/${w.colleague.user.id}/`;
    expect(fieldsOf((await a.patch(url, { role: 'root' })).body)).toContain('role');
    expect(fieldsOf((await a.patch(url, { departments: [999] })).body)).toContain('departments');
    expect(fieldsOf((await a.patch(url, { name: '   ' })).body)).toContain('name');
    const empty = await a.patch(url, {});
    expect(empty.status).toBe(422);
    expect(empty.body.errors.length).toBeGreaterThan(0);
  });
});

describe('POST /tickets/api/users/:id/password/', () => {
  it('needs credentials', async () => {
    expect((await api(app).post(`/tickets/api/users/${w.customer.user.id}/password/`, { password: 'whatever password' })).status).toBe(401);
  });

  it("refuses to change someone else's password unless admin", async () => {
    const res = await api(app, w.customer.token).post(`/tickets/api/users/${w.colleague.user.id}/password/`, { password: 'a brand new password' });
    expect(res.status).toBe(403);
    expect((await api(app, w.agent.token).post(`/tickets/api/users/${w.admin.user.id}/password/`, { password: 'a brand new password' })).status).toBe(403);
  });

  it('makes a person prove their current password, then signs them out everywhere', async () => {
    const created = await api(app, w.admin.token).post('/tickets/api/users/', { email: 'rita@example.com', name: 'Rita', role: 'customer', password: 'rita old password' });
    const token = (await login('rita@example.com', 'rita old password')).body.access;
    const url = `/tickets/api/users/${created.body.id}/password/`;
    const missing = await api(app, token).post(url, { password: 'rita new password' });
    expect(missing.status).toBe(422);
    expect(fieldsOf(missing.body)).toEqual(['current_password']);
    const wrong = await api(app, token).post(url, { password: 'rita new password', current_password: 'not it at all' });
    expect(fieldsOf(wrong.body)).toEqual(['current_password']);
    const weak = await api(app, token).post(url, { password: 'short', current_password: 'rita old password' });
    expect(fieldsOf(weak.body)).toEqual(['password']);
    const ok = await api(app, token).post(url, { password: 'rita new password', current_password: 'rita old password' });
    expect(ok.status).toBe(204);
    expect((await api(app, token).get('/tickets/api/me/')).status).toBe(401);
    expect((await login('rita@example.com', 'rita old password')).status).toBe(401);
    expect((await login('rita@example.com', 'rita new password')).status).toBe(200);
  });

  it("lets an admin set anyone's password without the old one", async () => {
    const res = await api(app, w.admin.token).post(`/tickets/api/users/${w.stranger.user.id}/password/`, { password: 'set by the admin' });
    expect(res.status).toBe(204);
    expect((await login('sue@elsewhere.example', 'set by the admin')).status).toBe(200);
  });

  it('refuses API tokens, even acting as an admin', async () => {
    const created = await api(app, w.admin.token).post('/tickets/api/api-tokens/', { name: 'ci', scopes: ['read', 'write'] });
    const res = await api(app, created.body.token).post(`/tickets/api/users/${w.stranger.user.id}/password/`, { password: 'set by a token!!' });
    expect(res.status).toBe(403);
  });

  it("answers 404 for another tenant's account", async () => {
    expect((await api(app, w.otherAdmin.token).post(`/tickets/api/users/${w.customer.user.id}/password/`, { password: 'cross tenant pw' })).status).toBe(404);
  });

  it('refuses a missing password with a field error', async () => {
    const res = await api(app, w.admin.token).post(`/tickets/api/users/${w.stranger.user.id}/password/`, {});
    expect(res.status).toBe(422);
    expect(fieldsOf(res.body)).toContain('password');
  });
});
