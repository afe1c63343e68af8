import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { DEFAULT_MIME_TYPES } from '../../domain/settings/registry.ts';
import { insertTenantDomain } from '../../domain/tenants/tenants.repo.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;

// A request cap below the default 10 MB file limit: the portal must announce the limit an upload really meets.
beforeAll(async () => {
  ({ t, app, w } = await startApiTest({ PARLEY_MAX_BODY_BYTES: String(4 * 1024 * 1024) }));
  await insertTenantDomain(t.rt.db, w.otherTenantId, 'help.other.example');
});
afterAll(async () => stopApiTest({ t, app }));

const portal = (headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: '/tickets/api/portal/', headers });

describe('GET /tickets/api/portal/', () => {
  it("answers anyone with the host's helpdesk and nothing else; the categories only to its people", async () => {
    const res = await portal();
    expect(res.statusCode).toBe(200);
    const publicFace = {
      name: 'Default', language: 'es', registration_allowed: false, password_min_length: 10,
      max_file_size: 4 * 1024 * 1024, allowed_mime_types: DEFAULT_MIME_TYPES,
    };
    expect(res.json()).toEqual({ ...publicFace, categories: null });
    expect((await api(app, w.customer.token).get('/tickets/api/portal/')).body).toEqual({ ...publicFace, categories: ['technical', 'question', 'billing'] });
    expect((await api(app, w.agent.token).get('/tickets/api/portal/')).body).toEqual({ ...publicFace, categories: ['technical', 'question', 'billing'] });
  });

  it("gives another host name its own tenant's, and a signed-in person their own tenant's", async () => {
    await api(app, w.otherAdmin.token).patch('/tickets/api/settings/', { allow_customer_registration: true, categories: ['hardware'], max_file_size: 2048 });
    const other = await portal({ host: 'help.other.example' });
    expect(other.json()).toMatchObject({ name: 'Other Co', language: 'pt', registration_allowed: true, categories: null, max_file_size: 2048 });
    // Tenant B's customer on the default host still gets tenant B: the session decides, not the host.
    expect((await api(app, w.otherCustomer.token).get('/tickets/api/portal/')).body).toEqual({ ...other.json(), categories: ['hardware'] });
    expect((await api(app, w.customer.token).get('/tickets/api/portal/', { host: 'help.other.example' })).body)
      .toMatchObject({ name: 'Default', categories: ['technical', 'question', 'billing'] });
    expect((await portal()).json()).toMatchObject({ registration_allowed: false, categories: null });
  });

  it('follows what the admin changes: registration, limits, categories (empty: none)', async () => {
    const changed = await api(app, w.admin.token).patch('/tickets/api/settings/', {
      allow_customer_registration: true, max_file_size: 1024 * 1024, allowed_mime_types: ['image/*', 'application/pdf'], categories: [],
    });
    expect(changed.status).toBe(200);
    expect((await api(app, w.customer.token).get('/tickets/api/portal/')).body).toMatchObject({
      registration_allowed: true, max_file_size: 1024 * 1024, allowed_mime_types: ['image/*', 'application/pdf'], categories: [],
    });
    await api(app, w.admin.token).patch('/tickets/api/settings/', { allow_customer_registration: false, categories: ['technical', 'question', 'billing'] });
  });

  it('refuses a bad credential (401) rather than answering as anonymous', async () => {
    const bad = await portal({ authorization: 'Bearer not-a-token' });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('is in the OpenAPI document as getPortal', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/tickets/api/openapi.json' })).json();
    expect(doc.paths['/tickets/api/portal/'].get.operationId).toBe('getPortal');
  });
});

describe('registering from the portal, then signing in to the web session', () => {
  it('keeps the chosen language and opens a session with the same credentials', async () => {
    await api(app, w.admin.token).patch('/tickets/api/settings/', { allow_customer_registration: true });
    const body = { name: 'Rosa Registered', email: 'rosa@portal.example', password: 'a long enough password', language: 'es' };
    const made = await api(app).post('/tickets/api/auth/register/', body);
    expect(made.status).toBe(201);
    const login = await api(app).post('/tickets/api/auth/login/', { email: body.email, password: body.password });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const me = await app.inject({ method: 'GET', url: '/tickets/api/me/', headers: { cookie } });
    expect(me.json()).toMatchObject({ name: 'Rosa Registered', role: 'customer', language: 'es' });
    // The errors the page shows next to their field: a taken address, a weak password, a bad language.
    expect((await api(app).post('/tickets/api/auth/register/', body)).status).toBe(409);
    const weak = await api(app).post('/tickets/api/auth/register/', { ...body, email: 'weak@portal.example', password: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.body.errors).toEqual([{ field: 'password', message: 'must be at least 10 characters' }]);
    expect((await api(app).post('/tickets/api/auth/register/', { ...body, email: 'lang@portal.example', language: 'a-very-long-tag' })).status).toBe(422);
    const plain = await api(app).post('/tickets/api/auth/register/', { ...body, email: 'plain@portal.example', language: undefined });
    expect(plain.status).toBe(201);
    expect((await api(app, plain.body.access).get('/tickets/api/me/')).body.language).toBeNull();
    await api(app, w.admin.token).patch('/tickets/api/settings/', { allow_customer_registration: false });
  });
});
