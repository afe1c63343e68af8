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
