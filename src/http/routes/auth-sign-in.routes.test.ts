/**
 * Refresh token rotation and reuse detection, logout, token expiry, deactivation, and
 * sign-in throttling: the holes of issue 6 items 4 and 5, each proven closed.
 */
import { createSecretKey } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { findSession } from '../../domain/auth/sessions.repo.ts';
import { deriveKey } from '../../domain/auth/secrets.ts';
import { createUser } from '../../domain/users/create-user.ts';
import type { UserRow } from '../../domain/users/users.repo.ts';
import { createRuntime, type Runtime } from '../../runtime.ts';
import { buildApp } from '../app.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
const PASSWORD = 'correct horse battery staple';
let n = 0;

beforeAll(async () => {
  // 2 × 10 = 20 sign-in attempts per client address per minute.
  ({ t, app, w } = await startApiTest({ PARLEY_LOGIN_RATE_LIMIT: '2' }));
});
afterAll(async () => stopApiTest({ t, app }));

/** A fresh account, so no test depends on another's state. */
async function account(): Promise<UserRow> {
  n++;
  return createUser(t.rt.systemCtx(w.tenantId), { email: `person${n}@example.com`, name: `Person ${n}`, role: 'agent', password: PASSWORD });
}
const post = (a: FastifyInstance, url: string, payload: unknown, remoteAddress = '127.0.0.1', headers: Record<string, string> = {}) =>
  a.inject({ method: 'POST', url, remoteAddress, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) });
const getToken = (email: string, password = PASSWORD, ip = '127.0.0.1', a = app) => post(a, '/tickets/api/auth/token/', { email, password }, ip);
const refresh = (token: string) => api(app).post('/tickets/api/auth/token/refresh/', { refresh: token });
const me = (access: string) => api(app, access).get('/tickets/api/me/');

describe('refresh tokens', () => {
  it('rotate on every use, and a reused one revokes its whole sign-in', async () => {
    const u = await account();
    const first = (await getToken(u.email)).json();
    const second = await refresh(first.refresh);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ access: expect.any(String), refresh: expect.any(String), expires_in: 900 });
    expect(second.body.refresh).not.toBe(first.refresh);
    expect(decodeJwt(second.body.access).sid).toBe(decodeJwt(first.access).sid);
    const third = await refresh(second.body.refresh);
    expect(third.status).toBe(200);
    expect((await me(third.body.access)).status).toBe(200);

    // Someone replays an old refresh token: the family is revoked, whoever holds which token.
    const replayed = await refresh(first.refresh);
    expect(replayed.status).toBe(401);
    expect(replayed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await refresh(third.body.refresh)).status).toBe(401);
    expect((await me(third.body.access)).status).toBe(401);
    expect((await me(first.access)).status).toBe(401);
    const family = await t.rt.db.selectFrom('token_families').selectAll().where('user_id', '=', u.id).executeTakeFirstOrThrow();
    expect(family).toMatchObject({ tenant_id: w.tenantId, revoked_reason: 'reuse', revoked_at: expect.any(String) });
    // The table keeps only hashes of token ids.
    const stored = await t.rt.db.selectFrom('refresh_tokens').select('jti_hash').where('family_id', '=', family.id).execute();
    expect(stored).toHaveLength(3);
    expect(stored.map((r) => r.jti_hash)).not.toContain(decodeJwt(first.refresh).jti);

    // Another sign-in of the same account is another family, untouched.
    const again = (await getToken(u.email)).json();
    expect((await me(again.access)).status).toBe(200);
    expect((await refresh(again.refresh)).status).toBe(200);
  });

  it('let only one of several concurrent uses of one refresh token through', async () => {
    const u = await account();
    const pair = (await getToken(u.email)).json();
    const answers = await Promise.all(Array.from({ length: 5 }, () => refresh(pair.refresh)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(4);
  });

  it('refuse JWTs without an expiry', async () => {
    const u = await account();
    const pair = (await getToken(u.email)).json();
    const key = createSecretKey(deriveKey(t.config.secretKey, 'jwt'));
    const forever = async (token: string) => {
      const { exp: _exp, iat, ...claims } = decodeJwt(token);
      return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(iat).sign(key);
    };
    expect((await me(await forever(pair.access))).status).toBe(401);
    expect((await refresh(await forever(pair.refresh))).status).toBe(401);
    expect((await me(pair.access)).status).toBe(200);
  });
});

describe('POST /tickets/api/auth/logout/', () => {
  it('with a Bearer JWT ends that sign-in: its access and refresh tokens stop working', async () => {
    const u = await account();
    const pair = (await getToken(u.email)).json();
    const other = (await getToken(u.email)).json();
    const out = await api(app, pair.access).post('/tickets/api/auth/logout/');
    expect(out.status).toBe(204);
    expect((await me(pair.access)).status).toBe(401);
    expect((await refresh(pair.refresh)).status).toBe(401);
    expect((await me(other.access)).status).toBe(200); // other sign-ins stay
  });

  it('with a refresh token in the body ends its sign-in, and refuses a forged one', async () => {
    const u = await account();
    const pair = (await getToken(u.email)).json();
    expect((await api(app).post('/tickets/api/auth/logout/', { refresh: 'not-a-token' })).status).toBe(401);
    expect((await me(pair.access)).status).toBe(200);
    expect((await api(app).post('/tickets/api/auth/logout/', { refresh: pair.refresh })).status).toBe(204);
    expect((await refresh(pair.refresh)).status).toBe(401);
    expect((await me(pair.access)).status).toBe(401);
  });
});

describe('deactivation', () => {
  it('ends web sessions, API sign-ins and API tokens for good: reactivation revives none', async () => {
    const u = await account();
    const pair = (await getToken(u.email)).json();
    const login = await post(app, '/tickets/api/auth/login/', { email: u.email, password: PASSWORD });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const sessionId = cookie.split('=')[1];
    const pat = (await api(app, pair.access).post('/tickets/api/api-tokens/', { name: 'ci', scopes: ['read'] })).body.token;
    const cookieMe = () => app.inject({ method: 'GET', url: '/tickets/api/me/', headers: { cookie } });
    expect((await cookieMe()).statusCode).toBe(200);
    expect((await me(pat)).status).toBe(200);

    expect((await api(app, w.admin.token).patch(`/tickets/api/users/${u.id}/`, { is_active: false })).status).toBe(200);
    expect((await api(app, w.admin.token).patch(`/tickets/api/users/${u.id}/`, { is_active: true })).status).toBe(200);

    expect((await cookieMe()).statusCode).toBe(401);
    expect(await findSession(t.rt.db, sessionId)).toBeUndefined();
    expect((await me(pair.access)).status).toBe(401);
    expect((await refresh(pair.refresh)).status).toBe(401);
    expect((await me(pat)).status).toBe(401);
    // Signing in anew works.
    expect((await getToken(u.email)).statusCode).toBe(200);
  });

  it('and a password change ends the account\'s API sign-ins', async () => {
    const u = await account();
    const pair = (await getToken(u.email)).json();
    const changed = await api(app, pair.access).post(`/tickets/api/users/${u.id}/password/`, { password: 'a brand new password', current_password: PASSWORD });
    expect(changed.status).toBe(204);
    expect((await refresh(pair.refresh)).status).toBe(401);
    const families = await t.rt.db.selectFrom('token_families').select(['revoked_reason']).where('user_id', '=', u.id).execute();
    expect(families).toEqual([{ revoked_reason: 'password_changed' }]);
  });
});

describe('sign-in throttling', () => {
  it('backs off per account and client address, and never locks the owner out from elsewhere', async () => {
    const u = await account();
    const attacker = '10.6.6.6';
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await getToken(u.email, 'wrong password!', attacker)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const limited = await getToken(u.email, PASSWORD, attacker);
    expect(limited.statusCode).toBe(429); // even the right password waits
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, type: 'https://parley.dev/problems/rate-limited' });
    expect(Number(limited.headers['retry-after'])).toBe(1);
    expect(limited.headers).toMatchObject({ 'ratelimit-limit': '5', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' });

    // The owner, from their own address, signs in at once, by token and by web session.
    expect((await getToken(u.email, PASSWORD, '10.0.0.7')).statusCode).toBe(200);
    expect((await post(app, '/tickets/api/auth/login/', { email: u.email, password: PASSWORD }, '10.0.0.8')).statusCode).toBe(200);

    // After the wait the attacker's next failure doubles it; a success from that address resets the pair.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await getToken(u.email, 'wrong password!', attacker)).statusCode).toBe(401);
    const doubled = await getToken(u.email, 'wrong password!', attacker);
    expect(doubled.statusCode).toBe(429);
    expect(Number(doubled.headers['retry-after'])).toBe(2);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await getToken(u.email, PASSWORD, attacker)).statusCode).toBe(200);
    expect((await getToken(u.email, 'wrong password!', attacker)).headers['ratelimit-remaining']).toBe('4');
  });

  it('limits one client address across every account', async () => {
    const ip = '10.9.9.9';
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await getToken(`nobody${i}@example.com`, 'whatever pass', ip)).statusCode);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses[20]).toBe(429);
    const u = await account();
    expect((await getToken(u.email, PASSWORD, ip)).statusCode).toBe(429);
    expect((await getToken(u.email, PASSWORD, '10.9.9.10')).statusCode).toBe(200);
  });

  it('holds across several instances on one database', async () => {
    const second: Runtime = await createRuntime(t.config, { log: () => {}, migrate: false });
    const secondApp = await buildApp(second);
    try {
      const u = await account();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await getToken(u.email, 'wrong password!', '10.4.4.4', i % 2 ? app : secondApp)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await secondApp.close();
      await second.close();
    }
  });
});
