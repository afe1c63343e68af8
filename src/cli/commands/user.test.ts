import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { runCaptured } from '../../../test/helpers/cli.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { signInAs } from '../../../test/helpers/world.ts';
import { insertPasswordReset } from '../../domain/auth/password-resets.repo.ts';
import { hashToken, randomToken } from '../../domain/auth/secrets.ts';
import { createUser } from '../../domain/users/create-user.ts';
import { buildApp } from '../../http/app.ts';
import { userActivateCommand, userDeactivateCommand, userSetPasswordCommand } from './user.ts';

let t: TestRuntime;
let app: FastifyInstance;
const saved = { ...process.env };
const PASSWORD = 'the first password';

beforeAll(async () => {
  t = await createTestRuntime();
  app = await buildApp(t.rt);
  const db = t.config.database;
  process.env.DATABASE_URL = db.dialect === 'postgres' ? db.url : `sqlite:${db.file}`;
  process.env.PARLEY_DATA_DIR = t.config.dataDir;
  process.env.PARLEY_SECRET_KEY = t.config.secretKey;
});
afterAll(async () => {
  process.env = saved;
  await app?.close();
  await t?.cleanup();
});

const person = (email: string) => createUser(t.rt.systemCtx(t.rt.defaultTenantId), { email, name: email, role: 'agent', password: PASSWORD });

describe('parley user set-password', () => {
  it('ends a pending reset link and the API sign-ins of the account', async () => {
    const u = await person('cli-reset@example.com');
    const pair = await signInAs(t.rt, u);
    const token = randomToken(32);
    await insertPasswordReset(t.rt.db, u.tenant_id, u.id, hashToken(token), new Date(Date.now() + 3600_000).toISOString());

    const run = await runCaptured((io) => userSetPasswordCommand.run(['--email', u.email, '--password', 'set from the cli'], io));
    expect(run).toMatchObject({ code: 0, out: `Password set for ${u.email}.\n` });

    const confirmed = await api(app).post('/tickets/api/auth/password-reset/confirm/', { token, password: 'someone else 12345' });
    expect(confirmed.status).toBe(422);
    expect((await api(app).post('/tickets/api/auth/token/refresh/', { refresh: pair.refresh })).status).toBe(401);
    expect((await api(app).post('/tickets/api/auth/token/', { email: u.email, password: 'set from the cli' })).status).toBe(200);
  });
});

describe('parley user deactivate / activate', () => {
  it('ends sessions and tokens for good: activating again revives none', async () => {
    const u = await person('cli-off@example.com');
    const pair = await signInAs(t.rt, u);
    const login = await app.inject({ method: 'POST', url: '/tickets/api/auth/login/', payload: { email: u.email, password: PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const pat = (await api(app, pair.access).post('/tickets/api/api-tokens/', { name: 'ci', scopes: ['read'] })).body.token as string;

    expect((await runCaptured((io) => userDeactivateCommand.run(['--email', u.email], io))).code).toBe(0);
    expect((await api(app).post('/tickets/api/auth/token/', { email: u.email, password: PASSWORD })).status).toBe(401);
    expect(await runCaptured((io) => userActivateCommand.run(['--email', u.email], io))).toMatchObject({ code: 0, out: `Activated ${u.email}.\n` });

    expect((await app.inject({ method: 'GET', url: '/tickets/api/me/', headers: { cookie } })).statusCode).toBe(401);
    expect((await api(app, pair.access).get('/tickets/api/me/')).status).toBe(401);
    expect((await api(app).post('/tickets/api/auth/token/refresh/', { refresh: pair.refresh })).status).toBe(401);
    expect((await api(app, pat).get('/tickets/api/me/')).status).toBe(401);
    expect((await api(app).post('/tickets/api/auth/token/', { email: u.email, password: PASSWORD })).status).toBe(200);
  });

  it('says so when the account does not exist', async () => {
    expect(await runCaptured((io) => userDeactivateCommand.run(['--email', 'ghost@example.com'], io))).toMatchObject({ code: 1, err: 'parley: no account ghost@example.com in this tenant\n' });
  });
});
