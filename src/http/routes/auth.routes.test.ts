import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../domain/users/create-user.ts';
import { api } from '../../../test/helpers/api.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  ({ t, app, w } = await startApiTest({ PARLEY_LOGIN_RATE_LIMIT: '5' }));
  await createUser(t.rt.systemCtx(w.tenantId), { email: 'pat@example.com', name: 'Pat', role: 'agent', password: PASSWORD });
  await createUser(t.rt.systemCtx(w.otherTenantId), { email: 'pat@example.com', name: 'Pat Other', role: 'agent', password: PASSWORD });
});
afterAll(async () => stopApiTest({ t, app }));

describe('POST /tickets/api/auth/token/', () => {
  it('issues an access and a refresh token that work', async () => {
    const res = await api(app).post('/tickets/api/auth/token/', { email: 'Pat@Example.com', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ access: expect.any(String), refresh: expect.any(String), expires_in: 900 });
    const me = await api(app, res.body.access).get('/tickets/api/me/');
    expect(me.body).toMatchObject({ email: 'pat@example.com', tenant: { slug: 'default' } });
    expect(me.body.password_hash).toBeUndefined();
    const refreshed = await api(app).post('/tickets/api/auth/token/refresh/', { refresh: res.body.refresh });
    expect(refreshed.status).toBe(200);
    expect((await api(app).post('/tickets/api/auth/token/refresh/', { refresh: res.body.access })).status).toBe(401);
    expect((await api(app, res.body.refresh).get('/tickets/api/me/')).status).toBe(401);
  });

  it('chooses the tenant by slug, and tokens carry it', async () => {
    const res = await api(app).post('/tickets/api/auth/token/', { email: 'pat@example.com', password: PASSWORD, tenant: 'other' });
    const me = await api(app, res.body.access).get('/tickets/api/me/');
    expect(me.body).toMatchObject({ name: 'Pat Other', tenant: { slug: 'other', language: 'pt' } });
    expect((await api(app).post('/tickets/api/auth/token/', { email: 'pat@example.com', password: PASSWORD, tenant: 'nope' })).status).toBe(422);
  });

  it('answers the same 401 for a wrong password and an unknown account', async () => {
    const wrong = await api(app).post('/tickets/api/auth/token/', { email: 'pat@example.com', password: 'not the password' }, { 'x-forwarded-for': '10.0.0.2' });
    const unknown = await api(app).post('/tickets/api/auth/token/', { email: 'nobody@example.com', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('rate-limits login attempts per account before checking the password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await api(app).post('/tickets/api/auth/token/', { email: 'limited@example.com', password: 'x' })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const limited = await api(app).post('/tickets/api/auth/token/', { email: 'limited@example.com', password: 'x' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-remaining']).toBe('0');
  });

  it('rejects malformed bodies and bearer headers', async () => {
    expect((await api(app).post('/tickets/api/auth/token/', { email: 'x' })).status).toBe(422);
    expect((await api(app).get('/tickets/api/me/', { authorization: 'Basic abc' })).status).toBe(401);
    expect((await api(app, 'not-a-jwt').get('/tickets/api/me/')).status).toBe(401);
  });

  it('stops accepting tokens once the password changes', async () => {
    const { access } = (await api(app).post('/tickets/api/auth/token/', { email: 'pat@example.com', password: PASSWORD, tenant: 'other' })).body;
    const user = await t.rt.db.selectFrom('users').selectAll().where('tenant_id', '=', w.otherTenantId).where('email', '=', 'pat@example.com').executeTakeFirstOrThrow();
    const { setPassword } = await import('../../domain/users/set-password.ts');
    await setPassword(t.rt.systemCtx(w.otherTenantId), user.id, 'another long password');
    expect((await api(app, access).get('/tickets/api/me/')).status).toBe(401);
  });
});

describe('web session login', () => {
  it('sets an httpOnly cookie and requires the CSRF token on writes', async () => {
    const login = await app.inject({ method: 'POST', url: '/tickets/api/auth/login/', payload: { email: 'pat@example.com', password: PASSWORD } });
    expect(login.statusCode).toBe(200);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/parley_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0];
    const csrf = login.json().csrf_token;
    const me = await app.inject({ method: 'GET', url: '/tickets/api/me/', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const body = { subject: 'Desde la web', messages: [{ body: 'hola' }] };
    const noCsrf = await app.inject({ method: 'POST', url: '/tickets/api/tickets/', headers: { cookie }, payload: body });
    expect(noCsrf.statusCode).toBe(403);
    const withCsrf = await app.inject({ method: 'POST', url: '/tickets/api/tickets/', headers: { cookie, 'x-csrf-token': csrf }, payload: body });
    expect(withCsrf.statusCode).toBe(201);
    expect(withCsrf.json().channel).toBe('web');
    const session = await app.inject({ method: 'GET', url: '/tickets/api/auth/session/', headers: { cookie } });
    expect(session.json().csrf_token).toBe(csrf);
    const logout = await app.inject({ method: 'POST', url: '/tickets/api/auth/logout/', headers: { cookie, 'x-csrf-token': csrf } });
    expect(logout.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/tickets/api/me/', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('customer self-registration', () => {
  it('is refused unless the tenant allows it', async () => {
    const body = { email: 'self@acme.example', password: 'a long enough password', name: 'Self Made' };
    expect((await api(app).post('/tickets/api/auth/register/', body)).status).toBe(403);
    await t.rt.db.insertInto('settings').values({ tenant_id: w.tenantId, key: 'allow_customer_registration', value: 'true', updated_at: new Date().toISOString() }).execute();
    const res = await api(app).post('/tickets/api/auth/register/', body);
    expect(res.status).toBe(201);
    const me = await api(app, res.body.access).get('/tickets/api/me/');
    expect(me.body).toMatchObject({ role: 'customer', organisation: w.organisationId });
    expect((await api(app).post('/tickets/api/auth/register/', body)).status).toBe(409);
    expect((await api(app).post('/tickets/api/auth/register/', { ...body, email: 'short@acme.example', password: 'short' })).status).toBe(422);
  });
});

describe('GET /tickets/api/me/', () => {
  it('needs credentials and lets people rename themselves', async () => {
    expect((await api(app).get('/tickets/api/me/')).status).toBe(401);
    const res = await api(app, w.customer.token).patch('/tickets/api/me/', { name: 'Carla C.' });
    expect(res.body.name).toBe('Carla C.');
    expect((await api(app, w.customer.token).patch('/tickets/api/me/', { name: '' })).status).toBe(422);
  });
});
