import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { verifyDkim } from '../../../test/helpers/dkim-verify.ts';
import { connectMailbox, insertOAuthMailbox, startOAuthServer } from '../../../test/helpers/oauth-server.ts';
import { startSmtpAuthSink, type SmtpAuthSink } from '../../../test/helpers/smtp-auth-sink.ts';
import { startSmtpSink, type SmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import { removeDkim, saveDkim } from '../../domain/outgoing-mail/save-dkim-key.ts';
import { removeOutgoingMail, saveOutgoingMail } from '../../domain/outgoing-mail/save-outgoing-mail.ts';
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
  await createUser(rt.systemCtx(world.tenantId), { email: 'rita@example.com', name: 'Rita Reset', role: 'customer', password: OLD });
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
    await createUser(rt.systemCtx(world.tenantId), { email: 'flood@example.com', name: 'Flo', role: 'customer', password: OLD });
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
    const rex = await createUser(rt.systemCtx(world.tenantId), { email: 'rex@example.com', name: 'Rex', role: 'customer', password: OLD });
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
    const sam = await createUser(rt.systemCtx(world.tenantId), { email: 'sam@example.com', name: 'Sam', role: 'customer', password: OLD });
    const before = sink.messages.length;
    expect((await ask('sam@example.com', '10.3.0.2')).statusCode).toBe(202);
    const { setPassword } = await import('../../domain/users/set-password.ts');
    await setPassword(rt.systemCtx(world.tenantId), sam.id, 'changed meanwhile 99');
    expect(await rt.worker.runOnce()).toBe(1);
    expect(sink.messages.length).toBe(before);
    expect(await rt.db.selectFrom('password_resets').select('token_hash').where('user_id', '=', sam.id).execute()).toEqual([]);
  });
});

describe('the tenant\'s own transport', () => {
  it('wins over SMTP_URL while it is set, and SMTP_URL is used again once it is removed', async () => {
    const own = await startSmtpAuthSink({ users: { [LOGIN]: LOGIN_PASSWORD } });
    try {
      const ctx = rt.systemCtx(world.tenantId);
      await createUser(ctx, { email: 'tina@example.com', name: 'Tina', role: 'customer', password: OLD });
      await saveOutgoingMail(ctx, rt.secrets, null, { kind: 'smtp', host: '127.0.0.1', port: own.port, security: 'none', username: LOGIN, password: LOGIN_PASSWORD });
      const before = sink.messages.length;
      expect((await api(app).post('/tickets/api/auth/password-reset/', { email: 'tina@example.com' })).status).toBe(202);
      while ((await rt.worker.runOnce()) > 0) { /* drain */ }
      expect(own.messages.map((m) => m.envelope.to)).toEqual([['tina@example.com']]);
      expect(sink.messages.length).toBe(before);

      await removeOutgoingMail(ctx, null);
      rt.mail.cache?.closeAll();
      expect((await api(app).post('/tickets/api/auth/password-reset/', { email: 'tina@example.com' })).status).toBe(202);
      while ((await rt.worker.runOnce()) > 0) { /* drain */ }
      expect(own.messages).toHaveLength(1);
      expect(sink.messages.slice(before).map((m) => m.envelope.to)).toEqual([['tina@example.com']]);
    } finally {
      await own.close();
    }
  });
});

const LOGIN = 'help@acme.example';
const LOGIN_PASSWORD = 'right horse battery staple';

describe('without SMTP_URL (a hosted install)', () => {
  let quiet: TestRuntime;
  let hosted: Runtime;
  let app2: FastifyInstance;
  let own: SmtpAuthSink;
  const lines: string[] = [];
  const ask = (email: string) => api(app2).post('/tickets/api/auth/password-reset/', { email });
  const resetJob = (userId: string) => hosted.db.selectFrom('jobs').selectAll().where('name', '=', 'mail.password_reset').where('payload', 'like', `%${userId}%`).executeTakeFirstOrThrow();

  beforeAll(async () => {
    own = await startSmtpAuthSink({ users: { [LOGIN]: LOGIN_PASSWORD } });
    const { createRuntime } = await import('../../runtime.ts');
    quiet = await createTestRuntime();
    hosted = await createRuntime({ ...quiet.config, smtpUrl: undefined, baseUrl: 'https://help.example' }, { log: (level, msg, data) => lines.push(JSON.stringify({ level, msg, ...data })), migrate: false });
    app2 = await buildApp(hosted);
  });
  afterAll(async () => {
    await app2?.close();
    await hosted?.close();
    await quiet?.cleanup();
    await own?.close();
  });

  it('fails the job with a clear reason while neither the tenant nor SMTP_URL has a transport, and leaves no token', async () => {
    const logan = await createUser(hosted.systemCtx(hosted.defaultTenantId), { email: 'logan@example.com', name: 'Logan', role: 'customer', password: OLD });
    expect((await ask('logan@example.com')).status).toBe(202);
    expect(await hosted.worker.runOnce()).toBe(1);
    const job = await resetJob(logan.id);
    // Not pretended sent: retried with backoff, the reason on the job.
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job.last_error).toMatch(/no outgoing mail transport is configured: neither the tenant's outgoing mail settings nor SMTP_URL/);
    expect(new Date(job.run_at).getTime()).toBeGreaterThan(Date.now());
    expect(await hosted.db.selectFrom('password_resets').select('token_hash').where('user_id', '=', logan.id).execute()).toEqual([]);
    expect(lines.filter((l) => l.includes('job failed') && l.includes('no outgoing mail transport'))).toHaveLength(1);
    expect(lines.join('\n')).not.toMatch(/token=|reset-password/);
  });

  it('retried once the tenant has its own SMTP server, sends through it with AUTH and its DKIM key; the token works', async () => {
    const ctx = hosted.systemCtx(hosted.defaultTenantId);
    const logan = (await hosted.db.selectFrom('users').select('id').where('email', '=', 'logan@example.com').executeTakeFirstOrThrow());
    await saveOutgoingMail(ctx, hosted.secrets, null, { kind: 'smtp', host: '127.0.0.1', port: own.port, security: 'none', username: LOGIN, password: LOGIN_PASSWORD });
    const key = await saveDkim(ctx, hosted.secrets, { domain: 'parley.example', selector: 'reset' });
    await hosted.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('status', '=', 'pending').execute();
    expect(await hosted.worker.runOnce()).toBe(1);
    expect(await resetJob(logan.id)).toMatchObject({ status: 'done', attempts: 2 });

    expect(own.attempts).toEqual([{ method: 'PLAIN', username: LOGIN, ok: true }]);
    expect(own.messages).toHaveLength(1);
    const mail = own.messages[0]!;
    expect(mail.user).toBe(LOGIN);
    expect(mail.envelope).toEqual({ from: hosted.config.mailFrom.replace(/^.*<|>$/g, ''), to: ['logan@example.com'] });
    expect(mail.parsed.subject).toBe('Reset your password');
    expect(verifyDkim(mail.raw, key.public_key)).toMatchObject({ domain: 'parley.example', selector: 'reset', bodyHashOk: true, signatureOk: true });
    const token = decodeURIComponent(/\?token=([^&\s]+)/.exec(mail.parsed.text ?? '')![1]!);
    expect((await api(app2).post('/tickets/api/auth/password-reset/confirm/', { token, password: NEW, tenant: 'default' })).status).toBe(204);
    expect((await api(app2).post('/tickets/api/auth/token/', { email: 'logan@example.com', password: NEW })).status).toBe(200);
    // Secret: the body never reaches a log.
    expect(lines.join('\n')).not.toContain(token);
    await removeDkim(ctx);
  });

  it('sends From the mailbox\'s own account when the tenant sends through an OAuth mailbox', async () => {
    const oauth = await startOAuthServer();
    const xo = await startSmtpAuthSink({ isValidToken: (tk, user) => user === 'help@example.com' && oauth.isValidAccessToken(tk) });
    try {
      const ctx = hosted.systemCtx(hosted.defaultTenantId);
      const box = await connectMailbox(hosted, oauth, await insertOAuthMailbox(hosted, { kind: 'imap', provider: 'microsoft', oauth }));
      await saveOutgoingMail(ctx, hosted.secrets, null, { kind: 'mailbox', mailboxId: box.id, via: 'smtp', host: '127.0.0.1', port: xo.port, security: 'none' });
      await createUser(ctx, { email: 'mo@example.com', name: 'Mo', role: 'customer', password: OLD });
      expect((await ask('mo@example.com')).status).toBe(202);
      expect(await hosted.worker.runOnce()).toBe(1);
      expect(xo.attempts).toEqual([{ method: 'XOAUTH2', username: 'help@example.com', ok: true }]);
      expect(xo.messages.map((m) => [m.envelope.from, m.parsed.from?.value[0]?.address])).toEqual([['help@example.com', 'help@example.com']]);
    } finally {
      await removeOutgoingMail(hosted.systemCtx(hosted.defaultTenantId), null);
      hosted.mail.cache?.closeAll();
      await xo.close();
      await oauth.close();
    }
  });
});
