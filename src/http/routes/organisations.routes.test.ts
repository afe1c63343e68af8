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
const URL = '/tickets/api/organisations/';

describe('GET /tickets/api/organisations/', () => {
  it('needs credentials', async () => {
    expect((await api(app).get(URL)).status).toBe(401);
  });

  it('refuses customers', async () => {
    expect((await api(app, w.customer.token).get(URL)).status).toBe(403);
  });

  it("lists the tenant's organisations with their domains, and pages them", async () => {
    const a = api(app, w.admin.token);
    for (const name of ['Zeta', 'Beta', 'Mu']) expect((await a.post(URL, { name })).status).toBe(201);
    const res = await api(app, w.agent.token).get(URL);
    expect(res.status).toBe(200);
    expect(res.body.results.map((o: { name: string }) => o.name)).toEqual(['Acme', 'Beta', 'Mu', 'Zeta']);
    expect(res.body.results[0]).toEqual({ id: w.organisationId, name: 'Acme', domains: ['acme.example'], created_at: expect.any(String), updated_at: expect.any(String) });
    expect(res.body.next_cursor).toBeNull();

    const first = await a.get(`${URL}?limit=3`);
    expect(first.body.results.map((o: { name: string }) => o.name)).toEqual(['Acme', 'Beta', 'Mu']);
    const second = await a.get(`${URL}?limit=3&cursor=${first.body.next_cursor}`);
    expect(second.body.results.map((o: { name: string }) => o.name)).toEqual(['Zeta']);
    expect(second.body.next_cursor).toBeNull();
  });

  it("shows another tenant none of this tenant's organisations", async () => {
    const res = await api(app, w.otherAdmin.token).get(URL);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([]);
  });

  it('refuses a bad cursor or limit', async () => {
    expect(fieldsOf((await api(app, w.admin.token).get(`${URL}?cursor=abc`)).body)).toEqual(['cursor']);
    expect(fieldsOf((await api(app, w.admin.token).get(`${URL}?limit=1000`)).body)).toContain('limit');
  });
});

describe('GET /tickets/api/organisations/:id/', () => {
  it('needs credentials', async () => {
    expect((await api(app).get(`${URL}${w.organisationId}/`)).status).toBe(401);
  });

  it('shows staff any organisation and a customer only their own', async () => {
    const staff = await api(app, w.agent.token).get(`${URL}${w.organisationId}/`);
    expect(staff.status).toBe(200);
    expect(staff.body).toMatchObject({ name: 'Acme', domains: ['acme.example'] });
    expect((await api(app, w.customer.token).get(`${URL}${w.organisationId}/`)).body.name).toBe('Acme');
    expect((await api(app, w.stranger.token).get(`${URL}${w.organisationId}/`)).status).toBe(404);
  });

  it("answers 404 for another tenant's organisation", async () => {
    expect((await api(app, w.otherAdmin.token).get(`${URL}${w.organisationId}/`)).status).toBe(404);
  });

  it('refuses an id that is not a UUID', async () => {
    expect(fieldsOf((await api(app, w.admin.token).get(`${URL}acme/`)).body)).toContain('id');
  });
});

describe('POST /tickets/api/organisations/', () => {
  it('needs credentials', async () => {
    expect((await api(app).post(URL, { name: 'Nope' })).status).toBe(401);
  });

  it('is for admins only', async () => {
    expect((await api(app, w.agent.token).post(URL, { name: 'Nope' })).status).toBe(403);
    expect((await api(app, w.customer.token).post(URL, { name: 'Nope' })).status).toBe(403);
  });

  it('creates an organisation whose domain places new customers in it', async () => {
    const res = await api(app, w.admin.token).post(URL, { name: 'Globex', domains: ['Globex.Example', 'globex.example'] });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`${URL}${res.body.id}/`);
    expect(res.body).toMatchObject({ name: 'Globex', domains: ['globex.example'] });
    const user = await api(app, w.agent.token).post('/tickets/api/users/', { email: 'hank@globex.example', name: 'Hank', role: 'customer' });
    expect(user.body.organisation).toBe(res.body.id);
  });

  it('answers 409 for a name or domain already used', async () => {
    expect((await api(app, w.admin.token).post(URL, { name: 'Acme' })).status).toBe(409);
    expect((await api(app, w.admin.token).post(URL, { name: 'Acme Two', domains: ['acme.example'] })).status).toBe(409);
  });

  it('keeps tenants apart: the same name and domain may exist in each', async () => {
    const res = await api(app, w.otherAdmin.token).post(URL, { name: 'Acme', domains: ['acme.example'] });
    expect(res.status).toBe(201);
    expect((await api(app, w.admin.token).get(`${URL}${res.body.id}/`)).status).toBe(404);
  });

  it('refuses bad input with field errors', async () => {
    const a = api(app, w.admin.token);
    expect(fieldsOf((await a.post(URL, {})).body)).toContain('name');
    expect(fieldsOf((await a.post(URL, { name: '  ' })).body)).toContain('name');
    const domain = await a.post(URL, { name: 'Bad Domains', domains: ['not a domain'] });
    expect(domain.status).toBe(422);
    expect(fieldsOf(domain.body)).toEqual(['domains']);
  });
});

describe('PATCH /tickets/api/organisations/:id/', () => {
  it('needs credentials', async () => {
    expect((await api(app).patch(`${URL}${w.organisationId}/`, { name: 'X' })).status).toBe(401);
  });

  it('is for admins only', async () => {
    expect((await api(app, w.agent.token).patch(`${URL}${w.organisationId}/`, { name: 'X' })).status).toBe(403);
    expect((await api(app, w.customer.token).patch(`${URL}${w.organisationId}/`, { name: 'X' })).status).toBe(403);
  });

  it('renames and replaces domains', async () => {
    const created = await api(app, w.admin.token).post(URL, { name: 'Initech', domains: ['initech.example'] });
    const res = await api(app, w.admin.token).patch(`${URL}${created.body.id}/`, { name: 'Initech Corp', domains: ['initech.example', 'initrode.example'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.body.id, name: 'Initech Corp', domains: ['initech.example', 'initrode.example'] });
    const domainsOnly = await api(app, w.admin.token).patch(`${URL}${created.body.id}/`, { domains: [] });
    expect(domainsOnly.body).toMatchObject({ name: 'Initech Corp', domains: [] });
  });

  it("answers 404 for another tenant's organisation", async () => {
    expect((await api(app, w.otherAdmin.token).patch(`${URL}${w.organisationId}/`, { name: 'Taken Over' })).status).toBe(404);
    expect((await api(app, w.admin.token).get(`${URL}${w.organisationId}/`)).body.name).toBe('Acme');
  });

  it('refuses bad input with field errors', async () => {
    const a = api(app, w.admin.token);
    expect((await a.patch(`${URL}${w.organisationId}/`, {})).status).toBe(422);
    expect(fieldsOf((await a.patch(`${URL}${w.organisationId}/`, { domains: ['-'] })).body)).toEqual(['domains']);
    expect(fieldsOf((await a.patch(`${URL}${w.organisationId}/`, { name: 42 })).body)).toContain('name');
  });
});
