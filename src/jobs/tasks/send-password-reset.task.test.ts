import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startSmtpSink, type SmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import { createUser } from '../../domain/users/create-user.ts';
import { buildApp } from '../../http/app.ts';
import type { Runtime } from '../../runtime.ts';

const OLD = 'old-password-1234';
const NEW = 'brand-new-password-5678';

let sink: SmtpSink;
let t: TestRuntime;
let rt: Runtime;
let app: FastifyInstance;
let world: World;
/** What a request for a real account got back; an unknown address must get the same. */
let knownAnswer: { status: number; raw: string };

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestRuntime({ SMTP_URL: sink.url, PARLEY_MAIL_FROM: 'Parley Help <help@parley.example>', PARLEY_BASE_URL: 'https://help.example' });
  rt = t.rt;
  app = await buildApp(rt);
  world = await buildWorld(rt);
  await createUser(rt.ctx(world.tenantId, null, 'system'), { email: 'rita@example.com', name: 'Rita Reset', role: 'customer', password: OLD });
  // Whatever the set-up queued runs now, so each test sees only the jobs it causes.
  while ((await rt.worker.runOnce()) > 0) { /* drain */ }
});
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
  await sink?.close();
});

const signIn = (password: string) => api(app).post('/tickets/api/auth/token/', { email: 'rita@example.com', password });

describe('password reset by mail, end to end', () => {
  it('mails a link from the worker whose token sets a new password', async () => {
    expect((await signIn(OLD)).status).toBe(200);

    const asked = await api(app).post('/tickets/api/auth/password-reset/', { email: 'Rita@Example.com' });
    expect(asked.status).toBe(202);
    knownAnswer = { status: asked.status, raw: asked.raw };
    expect(sink.messages).toHaveLength(0); // queued, not sent inside the request

    expect(await rt.worker.runOnce()).toBeGreaterThanOrEqual(1);
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.envelope).toEqual({ from: 'help@parley.example', to: ['rita@example.com'] });
    expect(mail.parsed.subject).toBe('Reset your password');
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.parsed.headers.get('x-auto-response-suppress')).toBe('All');
    expect(mail.parsed.text).toContain('Hello Rita Reset');
    const link = /https:\/\/help\.example\/tickets\/reset-password\/\?token=([^&\s]+)&tenant=([^\s]+)/.exec(mail.parsed.text ?? '');
    expect(link).not.toBeNull();
    const token = decodeURIComponent(link![1]!);
    const tenant = decodeURIComponent(link![2]!);
    expect(tenant).toBe('default');
    // The raw token lives in the mail only: neither the audit log nor the reset table holds it.
    const events = await rt.db.selectFrom('events').select('payload').where('name', '=', 'user.password_reset_requested').execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).not.toContain(token);
    expect(await rt.db.selectFrom('password_resets').select('token_hash').where('token_hash', '=', token).execute()).toEqual([]);

    const confirmed = await api(app).post('/tickets/api/auth/password-reset/confirm/', { token, password: NEW, tenant });
    expect(confirmed.status).toBe(204);

    const withNew = await signIn(NEW);
    expect(withNew.status).toBe(200);
    expect(withNew.body.access).toEqual(expect.any(String));
    const withOld = await signIn(OLD);
    expect(withOld.status).toBe(401);

    const reused = await api(app).post('/tickets/api/auth/password-reset/confirm/', { token, password: 'yet-another-password-9', tenant });
    expect(reused.status).toBe(422);
    expect(reused.body.errors).toEqual([expect.objectContaining({ field: 'token' })]);
    expect((await signIn(NEW)).status).toBe(200);

    const job = await rt.db.selectFrom('jobs').selectAll().where('name', '=', 'mail.password_reset').executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('answers 202 for an unknown address and sends nothing', async () => {
    const before = sink.messages.length;
    const pendingBefore = (await rt.db.selectFrom('jobs').select('id').where('status', '=', 'pending').execute()).length;

    const asked = await api(app).post('/tickets/api/auth/password-reset/', { email: 'nobody@nowhere.example' });
    expect({ status: asked.status, raw: asked.raw }).toEqual(knownAnswer);

    expect(await rt.worker.runOnce()).toBe(0);
    expect((await rt.db.selectFrom('jobs').select('id').where('status', '=', 'pending').execute()).length).toBe(pendingBefore);
    expect(sink.messages).toHaveLength(before);
  });

  it('answers 202 and sends nothing for an address of another tenant', async () => {
    const before = sink.messages.length;
    const asked = await api(app).post('/tickets/api/auth/password-reset/', { email: 'admin@other.example' });
    expect(asked.status).toBe(202);
    expect(await rt.worker.runOnce()).toBe(0);
    expect(sink.messages).toHaveLength(before);
  });
});

describe('reset mail limits and token secrecy', () => {
  const ask = (email: string, remoteAddress: string) => app.inject({
    method: 'POST', url: '/tickets/api/auth/password-reset/', remoteAddress,
    headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email }),
  });
  const tokenOf = (text: string | undefined) => decodeURIComponent(/\?token=([^&\s]+)/.exec(text ?? '')![1]!);

  it('sends at most 3 mails an hour to one address, however many clients ask, and answers 202 alike', async () => {
    await createUser(rt.ctx(world.tenantId, null, 'system'), { email: 'flood@example.com', name: 'Flo', role: 'customer', password: OLD });
    const before = sink.messages.length;
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await ask('Flood@example.com', `10.1.0.${i + 1}`));
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    while ((await rt.worker.runOnce()) > 0) { /* drain */ }
    expect(sink.messages.length - before).toBe(3);
    // Another address is not affected.
    expect((await ask('rita@example.com', '10.1.0.99')).statusCode).toBe(202);
    while ((await rt.worker.runOnce()) > 0) { /* drain */ }
    expect(sink.messages.length - before).toBe(4);
  });

  it('keeps the live token out of job payloads: the job names the account only', async () => {
    expect((await ask('rita@example.com', '10.2.0.1')).statusCode).toBe(202);
    const queued = await rt.db.selectFrom('jobs').select(['id', 'payload']).where('name', '=', 'mail.password_reset').where('status', '=', 'pending').execute();
    expect(queued).toHaveLength(1);
    expect(Object.keys(JSON.parse(queued[0]!.payload)).sort()).toEqual(['userId', 'version']);
    const before = sink.messages.length;
    await rt.worker.runOnce();
    const token = tokenOf(sink.messages[before]!.parsed.text);
    const everywhere = await rt.db.selectFrom('jobs').select('payload').execute();
    expect(everywhere.filter((j) => j.payload.includes(token))).toEqual([]);
    expect((await rt.db.selectFrom('events').select('payload').execute()).filter((e) => e.payload.includes(token))).toEqual([]);
  });

  it('revokes a pending reset token when the password changes by another path', async () => {
    const rex = await createUser(rt.ctx(world.tenantId, null, 'system'), { email: 'rex@example.com', name: 'Rex', role: 'customer', password: OLD });
    const before = sink.messages.length;
    expect((await ask('rex@example.com', '10.3.0.1')).statusCode).toBe(202);
    await rt.worker.runOnce();
    const token = tokenOf(sink.messages[before]!.parsed.text);
    // An admin sets the password through the API; the mailed link must die with the old password.
    expect((await api(app, world.admin.token).post(`/tickets/api/users/${rex.id}/password/`, { password: 'set by the admin 123' })).status).toBe(204);
    const confirmed = await api(app).post('/tickets/api/auth/password-reset/confirm/', { token, password: 'attacker password 1', tenant: 'default' });
    expect(confirmed.status).toBe(422);
    expect((await api(app).post('/tickets/api/auth/token/', { email: 'rex@example.com', password: 'set by the admin 123' })).status).toBe(200);
  });

  it('sends nothing when the password changed between the request and the mail', async () => {
    const sam = await createUser(rt.ctx(world.tenantId, null, 'system'), { email: 'sam@example.com', name: 'Sam', role: 'customer', password: OLD });
    const before = sink.messages.length;
    expect((await ask('sam@example.com', '10.3.0.2')).statusCode).toBe(202);
    const { setPassword } = await import('../../domain/users/set-password.ts');
    await setPassword(rt.ctx(world.tenantId, null, 'system'), sam.id, 'changed meanwhile 99');
    expect(await rt.worker.runOnce()).toBe(1);
    expect(sink.messages.length).toBe(before);
    expect(await rt.db.selectFrom('password_resets').select('token_hash').where('user_id', '=', sam.id).execute()).toEqual([]);
  });
});

describe('without SMTP', () => {
  it('never writes a reset token to the log', async () => {
    const lines: string[] = [];
    const { createRuntime } = await import('../../runtime.ts');
    const quiet = await createTestRuntime();
    const logged = await createRuntime({ ...quiet.config, smtpUrl: undefined }, { log: (level, msg, data) => lines.push(JSON.stringify({ level, msg, ...data })), migrate: false });
    try {
      const app2 = await buildApp(logged);
      await createUser(logged.ctx(logged.defaultTenantId, null, 'system'), { email: 'logan@example.com', name: 'Logan', role: 'customer', password: OLD });
      expect((await api(app2).post('/tickets/api/auth/password-reset/', { email: 'logan@example.com' })).status).toBe(202);
      while ((await logged.worker.runOnce()) > 0) { /* drain */ }
      await app2.close();
      const mailLines = lines.filter((l) => l.includes('SMTP_URL is not configured'));
      expect(mailLines).toHaveLength(1);
      expect(mailLines[0]).toContain('logan@example.com');
      expect(lines.join('\n')).not.toMatch(/token=|reset-password/);
      expect(await logged.db.selectFrom('password_resets').select('token_hash').execute()).toHaveLength(1);
    } finally {
      await logged.close();
      await quiet.cleanup();
    }
  });
});
