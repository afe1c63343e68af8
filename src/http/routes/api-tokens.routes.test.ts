import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, fieldsOf } from '../../../test/helpers/api.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;

beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
afterAll(async () => stopApiTest({ t, app }));

const URL = '/tickets/api/api-tokens/';
const create = async (jwt: string, body: Record<string, unknown> = { name: 'integration', scopes: ['read', 'write'] }) => {
  const res = await api(app, jwt).post(URL, body);
  expect(res.status).toBe(201);
  return res.body as { id: string; token: string; scopes: string[]; user: string; prefix: string };
};

describe('POST /tickets/api/api-tokens/', () => {
  it('needs credentials', async () => {
    expect((await api(app).post(URL, { name: 'x', scopes: ['read'] })).status).toBe(401);
  });

  it('shows the secret once, and keeps only its hash', async () => {
    const res = await api(app, w.agent.token).post(URL, { name: '  Zapier  ', scopes: ['read'], expires_at: '2999-01-01T00:00:00+02:00' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Zapier', scopes: ['read'], user: w.agent.user.id, revoked_at: null, last_used_at: null, expires_at: '2998-12-31T22:00:00.000Z' });
    expect(res.body.token).toMatch(/^pat_[\w-]{40,}$/);
    expect(res.body.prefix).toBe(res.body.token.slice(0, 10));
    const row = await t.rt.db.selectFrom('api_tokens').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(res.body.token);
    const listed = await api(app, w.agent.token).get(URL);
    expect(listed.raw).not.toContain(res.body.token);
    expect(listed.body.find((x: { id: string }) => x.id === res.body.id)).not.toHaveProperty('token');
  });

  it('refuses bad input with field errors', async () => {
    const a = api(app, w.customer.token);
    expect(fieldsOf((await a.post(URL, { name: '', scopes: ['read'] })).body)).toContain('name');
    expect(fieldsOf((await a.post(URL, { name: 'x', scopes: [] })).body)).toContain('scopes');
    expect(fieldsOf((await a.post(URL, { name: 'x', scopes: ['admin'] })).body)).toContain('scopes.0');
    expect(fieldsOf((await a.post(URL, { name: 'x', scopes: ['read'], expires_at: 'tomorrow' })).body)).toContain('expires_at');
    const past = await a.post(URL, { name: 'x', scopes: ['read'], expires_at: '2001-01-01T00:00:00Z' });
    expect(past.status).toBe(422);
    expect(fieldsOf(past.body)).toEqual(['expires_at']);
  });

  it('cannot be called with an API token', async () => {
    const { token } = await create(w.agent.token);
    expect((await api(app, token).post(URL, { name: 'child', scopes: ['read'] })).status).toBe(403);
  });
});

describe('authenticating with an API token', () => {
  it('acts as its owner, in its tenant', async () => {
    const { token } = await create(w.customer.token);
    const me = await api(app, token).get('/tickets/api/me/');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: w.customer.user.id, role: 'customer', tenant: { id: w.tenantId } });
    expect((await api(app, token).get('/tickets/api/users/')).status).toBe(403);
    const other = await create(w.otherAdmin.token);
    expect((await api(app, other.token).get(`/tickets/api/users/${w.customer.user.id}/`)).status).toBe(404);
  });

  it('lets a read token GET but not change anything', async () => {
    const { token } = await create(w.agent.token, { name: 'dashboard', scopes: ['read'] });
    expect((await api(app, token).get('/tickets/api/tags/')).status).toBe(200);
    const post = await api(app, token).post('/tickets/api/tags/', { name: 'from-a-read-token' });
    expect(post.status).toBe(403);
    expect(post.body.detail).toMatch(/read-only/);
    expect((await api(app, token).delete(`${URL}00000000-0000-4000-8000-000000000000/`)).status).toBe(403);
    expect((await api(app, w.agent.token).get('/tickets/api/tags/')).body.map((x: { name: string }) => x.name)).not.toContain('from-a-read-token');
  });

  it('lets a write token change what its owner may', async () => {
    const { token } = await create(w.agent.token, { name: 'bot', scopes: ['write'] });
    expect((await api(app, token).post('/tickets/api/tags/', { name: 'from-a-write-token' })).status).toBe(201);
  });

  it('records when it was last used', async () => {
    const created = await create(w.restrictedAgent.token);
    await api(app, created.token).get('/tickets/api/me/');
    const listed = await api(app, w.restrictedAgent.token).get(URL);
    expect(listed.body.find((x: { id: string }) => x.id === created.id).last_used_at).toEqual(expect.any(String));
  });

  it('stops working once expired', async () => {
    const { token } = await create(w.agent.token, { name: 'short-lived', scopes: ['read'], expires_at: new Date(Date.now() + 1000).toISOString() });
    expect((await api(app, token).get('/tickets/api/me/')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await api(app, token).get('/tickets/api/me/')).status).toBe(401);
  });
});

describe('DELETE /tickets/api/api-tokens/:id/', () => {
  it('needs credentials', async () => {
    expect((await api(app).delete(`${URL}00000000-0000-4000-8000-000000000000/`)).status).toBe(401);
  });

  it('revokes at once: the token then answers 401 everywhere', async () => {
    const { id, token } = await create(w.colleague.token);
    expect((await api(app, token).get('/tickets/api/tickets/')).status).toBe(200);
    const res = await api(app, w.colleague.token).delete(`${URL}${id}/`);
    expect(res.status).toBe(204);
    expect(res.raw).toBe('');
    for (const url of ['/tickets/api/me/', '/tickets/api/tickets/', '/tickets/api/departments/', URL]) {
      const after = await api(app, token).get(url);
      expect(after.status, url).toBe(401);
      expect(after.headers['content-type']).toContain('application/problem+json');
    }
    expect((await api(app, token).post('/tickets/api/tickets/', { subject: 'x', messages: [{ body: 'y' }] })).status).toBe(401);
    const listed = await api(app, w.colleague.token).get(URL);
    expect(listed.body.find((x: { id: string }) => x.id === id).revoked_at).toEqual(expect.any(String));
    expect((await api(app, w.colleague.token).delete(`${URL}${id}/`)).status).toBe(204);
  });

  it("hides other people's tokens from non-admins, and lets admins revoke them", async () => {
    const { id, token } = await create(w.agent.token);
    expect((await api(app, w.customer.token).delete(`${URL}${id}/`)).status).toBe(404);
    expect((await api(app, w.restrictedAgent.token).delete(`${URL}${id}/`)).status).toBe(404);
    expect((await api(app, token).get('/tickets/api/me/')).status).toBe(200);
    expect((await api(app, w.admin.token).delete(`${URL}${id}/`)).status).toBe(204);
    expect((await api(app, token).get('/tickets/api/me/')).status).toBe(401);
  });

  it("answers 404 for another tenant's token", async () => {
    const { id, token } = await create(w.agent.token);
    expect((await api(app, w.otherAdmin.token).delete(`${URL}${id}/`)).status).toBe(404);
    expect((await api(app, token).get('/tickets/api/me/')).status).toBe(200);
  });

  it('refuses an id that is not a UUID', async () => {
    const res = await api(app, w.agent.token).delete(`${URL}12/`);
    expect(res.status).toBe(422);
    expect(fieldsOf(res.body)).toContain('id');
  });
});

describe('GET /tickets/api/api-tokens/', () => {
  it('needs credentials', async () => {
    expect((await api(app).get(URL)).status).toBe(401);
  });

  it("lists only the caller's own tokens", async () => {
    const mine = await create(w.stranger.token, { name: 'mine', scopes: ['read'] });
    const res = await api(app, w.stranger.token).get(URL);
    expect(res.status).toBe(200);
    expect(res.body.map((x: { id: string }) => x.id)).toEqual([mine.id]);
    expect(res.body.every((x: { user: string }) => x.user === w.stranger.user.id)).toBe(true);
  });

  it("lets only admins see other people's tokens", async () => {
    expect((await api(app, w.agent.token).get(`${URL}?all=true`)).status).toBe(403);
    expect((await api(app, w.customer.token).get(`${URL}?user=${w.agent.user.id}`)).status).toBe(403);
    const agentTokens = await api(app, w.admin.token).get(`${URL}?user=${w.agent.user.id}`);
    expect(agentTokens.body.length).toBeGreaterThan(0);
    expect(agentTokens.body.every((x: { user: string }) => x.user === w.agent.user.id)).toBe(true);
    const all = await api(app, w.admin.token).get(`${URL}?all=true`);
    const owners = new Set(all.body.map((x: { user: string }) => x.user));
    expect(owners).toContain(w.agent.user.id);
    expect(owners).toContain(w.customer.user.id);
    expect(owners).not.toContain(w.otherAdmin.user.id);
    const otherAll = await api(app, w.otherAdmin.token).get(`${URL}?all=true`);
    expect(otherAll.body.every((x: { user: string }) => x.user === w.otherAdmin.user.id)).toBe(true);
  });

  it('refuses bad filters with field errors', async () => {
    expect(fieldsOf((await api(app, w.admin.token).get(`${URL}?all=yes`)).body)).toContain('all');
    expect(fieldsOf((await api(app, w.admin.token).get(`${URL}?user=bob`)).body)).toContain('user');
  });
});
