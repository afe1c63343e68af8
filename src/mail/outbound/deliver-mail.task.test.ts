import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { createDepartment } from '../../domain/departments/create-department.ts';
import { removeOutgoingMail, saveOutgoingMail } from '../../domain/outgoing-mail/save-outgoing-mail.ts';
import { updateSettings } from '../../domain/settings/update-settings.ts';
import type { Actor } from '../../domain/shared/context.ts';
import { ConflictError, ValidationError } from '../../domain/shared/errors.ts';
import { cancelOutboundMail } from './cancel-outbound-mail.ts';
import { NO_TRANSPORT_REASON } from './deliver-mail.task.ts';
import { findOutboundMail } from './outbound-mails.repo.ts';
import { queueMail, type QueuedMail } from './queue-mail.ts';
import { releaseOutboundMail } from './release-outbound-mail.ts';
import { retryOutboundMail } from './retry-outbound-mail.ts';

let sink: SmtpSink;
let t: TestRuntime;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestRuntime({ SMTP_URL: sink.url, PARLEY_BASE_URL: 'https://help.acme.example' });
});
afterAll(async () => { await t?.cleanup(); await sink?.close(); });
afterEach(async () => {
  sink.messages.length = 0;
  await t.rt.db.deleteFrom('outbound_mails').execute();
  await t.rt.db.deleteFrom('jobs').execute();
});

const admin = (): Actor => ({
  kind: 'user', id: 'admin-1', tenantId: t.rt.defaultTenantId, role: 'admin', name: 'Ada', email: 'ada@acme.example',
  organisationId: null, canAccessTicketing: true, restrictedToDepartments: false, departmentIds: [], scopes: null,
});
const ctx = () => t.rt.systemCtx(t.rt.defaultTenantId);
const mail = (over: Partial<QueuedMail> = {}): QueuedMail => ({
  ticketId: null, messageId: null, kind: 'reply', to: ['rita@example.com'], from: 'Soporte <soporte@acme.example>',
  subject: '[TK-000042] Re: la impresora', text: 'Hola Rita,\n\nya está arreglada.\n', automatic: false, ...over,
});
/** Runs every due job, as the worker does after a commit. */
async function drain(): Promise<void> {
  while ((await t.rt.worker.runOnce()) > 0) { /* until idle */ }
}
/** Makes retries due now instead of after their backoff. */
async function dueNow(): Promise<void> {
  await t.rt.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('status', '=', 'pending').execute();
}

describe('the outbox delivers through SMTP', () => {
  it('sends a reply with our Message-ID, the threading chain, the loop header and both bodies', async () => {
    const { id, emailMessageId } = await queueMail(ctx(), mail({
      cc: ['Jon@Example.com'], html: '<p>Hola Rita</p>', replyTo: 'soporte@acme.example',
      inReplyTo: '<abc@mail.example.com>', references: ['<first@mail.example.com>', '<abc@mail.example.com>'],
    }));
    expect(emailMessageId).toMatch(new RegExp(`^<[A-Za-z0-9_-]+\\.${id}@help\\.acme\\.example>$`));
    await drain();

    expect(sink.messages).toHaveLength(1);
    const got = sink.messages[0]!;
    expect(got.envelope).toEqual({ from: 'soporte@acme.example', to: ['rita@example.com', 'jon@example.com'] });
    const p = got.parsed;
    expect(p.messageId).toBe(emailMessageId);
    expect(p.inReplyTo).toBe('<abc@mail.example.com>');
    expect(p.references).toEqual(['<first@mail.example.com>', '<abc@mail.example.com>']);
    expect(p.replyTo?.value[0]?.address).toBe('soporte@acme.example');
    expect(p.subject).toBe('[TK-000042] Re: la impresora');
    expect(p.text).toBe('Hola Rita,\n\nya está arreglada.\n');
    expect(p.html).toContain('<p>Hola Rita</p>');
    expect(p.headers.get('x-loop')).toMatch(/^parley@[a-z0-9.-]+$/);
    expect(p.headers.has('auto-submitted')).toBe(false);
    const row = await findOutboundMail(t.rt.db, t.rt.defaultTenantId, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, reason: null, last_error: null });
    expect(row!.sent_at).toEqual(expect.any(String));
  });

  it('marks automatic mail Auto-Submitted and asks Outlook not to answer it', async () => {
    await queueMail(ctx(), mail({ kind: 'confirmation', automatic: true }));
    await drain();
    const h = sink.messages[0]!.parsed.headers;
    expect(h.get('auto-submitted')).toBe('auto-generated');
    expect(h.get('x-auto-response-suppress')).toBe('All');
    expect(h.get('x-loop')).toMatch(/^parley@[a-z0-9.-]+$/);
  });

  it('never runs a mail twice: a second job of the same row finds it sent', async () => {
    const { id } = await queueMail(ctx(), mail());
    await drain();
    await t.rt.db.insertInto('jobs').values({
      tenant_id: t.rt.defaultTenantId, name: 'mail.deliver', payload: JSON.stringify({ outbound_id: id }),
      run_at: new Date().toISOString(), max_attempts: 3, unique_key: null, locked_by: null, locked_until: null, last_error: null,
      created_at: new Date().toISOString(), updated_at: new Date().toISOString(),
    }).execute();
    await drain();
    expect(sink.messages).toHaveLength(1);
  });

  it('keeps a scheduled mail until its time', async () => {
    const { id } = await queueMail(ctx(), mail({ sendAt: new Date(Date.now() + 3600_000).toISOString() }));
    await drain();
    expect(sink.messages).toHaveLength(0);
    expect((await findOutboundMail(t.rt.db, t.rt.defaultTenantId, id))!.status).toBe('queued');
    await t.rt.db.updateTable('outbound_mails').set({ send_at: new Date(Date.now() - 1000).toISOString() }).execute();
    await dueNow();
    await drain();
    expect(sink.messages).toHaveLength(1);
  });

  it('writes nothing when the caller rolls back, and refuses a bad address with a 4xx error', async () => {
    await expect(t.rt.db.transaction().execute(async (trx) => {
      await queueMail({ ...ctx(), db: trx, afterCommit: [] }, mail());
      throw new Error('the command failed');
    })).rejects.toThrow('the command failed');
    expect(await t.rt.db.selectFrom('outbound_mails').selectAll().execute()).toEqual([]);
    expect(await t.rt.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
    await expect(queueMail(ctx(), mail({ to: ['not an address'] }))).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('loop protection', () => {
  it('never sends automatic mail to software or to our own queue addresses (a person may still write to them)', async () => {
    await createDepartment(ctx(), { name: 'Facturación', addresses: ['facturas@acme.example'] });
    const all = await queueMail(ctx(), mail({ automatic: true, kind: 'notification', to: ['MAILER-DAEMON@mx.example.com', 'facturas@acme.example'] }));
    const some = await queueMail(ctx(), mail({ automatic: true, kind: 'notification', to: ['no-reply@shop.example'], cc: ['rita@example.com'] }));
    const person = await queueMail(ctx(), mail({ to: ['no-reply@shop.example'] }));
    await drain();

    const refused = await findOutboundMail(t.rt.db, t.rt.defaultTenantId, all.id);
    expect(refused).toMatchObject({ status: 'cancelled' });
    expect(refused!.reason).toMatch(/mailer-daemon@mx\.example\.com is an automatic address.*facturas@acme\.example is one of our own queue addresses/);
    expect((await findOutboundMail(t.rt.db, t.rt.defaultTenantId, some.id))!.status).toBe('sent');
    expect((await findOutboundMail(t.rt.db, t.rt.defaultTenantId, person.id))!.status).toBe('sent');
    expect(sink.messages.map((m) => m.envelope.to)).toEqual([['rita@example.com'], ['no-reply@shop.example']]);
  });

  it('holds the mail beyond mail_send_threshold per address and 5 minutes; an admin releases it and it goes out once', async () => {
    await updateSettings(t.rt.ctx(t.rt.defaultTenantId, admin(), 'api'), { mail_send_threshold: 2 });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await queueMail(ctx(), mail({ subject: `n${i}` }))).id);
    const other = await queueMail(ctx(), mail({ to: ['jon@example.com'] }));
    await drain();

    expect(sink.messages.map((m) => m.parsed.subject)).toEqual(['n0', 'n1', '[TK-000042] Re: la impresora']);
    const held = await findOutboundMail(t.rt.db, t.rt.defaultTenantId, ids[2]!);
    expect(held).toMatchObject({ status: 'held' });
    expect(held!.reason).toMatch(/send threshold reached: 2 mails to rita@example\.com in 5 minutes/);
    expect((await findOutboundMail(t.rt.db, t.rt.defaultTenantId, other.id))!.status).toBe('sent');

    await releaseOutboundMail(t.rt.ctx(t.rt.defaultTenantId, admin(), 'api'), ids[2]!);
    await drain();
    expect(sink.messages.map((m) => m.parsed.subject)).toEqual(['n0', 'n1', '[TK-000042] Re: la impresora', 'n2']);
    expect((await findOutboundMail(t.rt.db, t.rt.defaultTenantId, ids[2]!))!.status).toBe('sent');
    await expect(releaseOutboundMail(t.rt.ctx(t.rt.defaultTenantId, admin(), 'api'), ids[2]!)).rejects.toBeInstanceOf(ConflictError);
    await updateSettings(t.rt.ctx(t.rt.defaultTenantId, admin(), 'api'), { mail_send_threshold: 5 });
  });

  it('cancels a queued mail: its job sends nothing', async () => {
    const { id } = await queueMail(ctx(), mail({ sendAt: new Date(Date.now() + 60_000).toISOString() }));
    const row = await cancelOutboundMail(t.rt.ctx(t.rt.defaultTenantId, admin(), 'api'), id);
    expect(row).toMatchObject({ status: 'cancelled', reason: 'cancelled by ada@acme.example' });
    await t.rt.db.updateTable('outbound_mails').set({ send_at: new Date(Date.now() - 1000).toISOString() }).execute();
    await dueNow();
    await drain();
    expect(sink.messages).toHaveLength(0);
  });
});

describe('SMTP down', () => {
  it('keeps every mail queued with the error while the server is down, fails it after the last attempt, and sends each once when back', async () => {
    const down = await startSmtpSink();
    const port = down.port;
    await down.close();
    const t2 = await createTestRuntime({ SMTP_URL: `smtp://127.0.0.1:${port}/?ignoreTLS=true` });
    try {
      const c = t2.rt.systemCtx(t2.rt.defaultTenantId);
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push((await queueMail(c, mail({ subject: `m${i}` }))).id);
      while ((await t2.rt.worker.runOnce()) > 0) { /* drain */ }
      for (const id of ids) {
        const row = await findOutboundMail(t2.rt.db, t2.rt.defaultTenantId, id);
        expect(row).toMatchObject({ status: 'queued', attempts: 1, reason: 'delivery failed; retrying with backoff' });
        expect(row!.last_error).toMatch(/ECONNREFUSED/);
      }
      // The last attempt of one of them: failed for good, with the reason.
      await t2.rt.db.updateTable('jobs').set({ attempts: 14, run_at: new Date(0).toISOString() }).where('payload', 'like', `%${ids[0]}%`).execute();
      while ((await t2.rt.worker.runOnce()) > 0) { /* drain */ }
      const failed = await findOutboundMail(t2.rt.db, t2.rt.defaultTenantId, ids[0]!);
      expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
      expect(failed!.reason).toMatch(/^delivery failed after 2 attempts: .*ECONNREFUSED/);

      // The server comes back on the same port.
      const back = await startSmtpSink({ port });
      try {
        await t2.rt.db.updateTable('jobs').set({ run_at: new Date(0).toISOString() }).where('status', '=', 'pending').execute();
        while ((await t2.rt.worker.runOnce()) > 0) { /* drain */ }
        await retryOutboundMail(t2.rt.ctx(t2.rt.defaultTenantId, admin(), 'api'), ids[0]!);
        while ((await t2.rt.worker.runOnce()) > 0) { /* drain */ }
        expect(back.messages.map((m) => m.parsed.subject).sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
        const rows = await t2.rt.db.selectFrom('outbound_mails').select(['status', 'email_message_id']).execute();
        expect(rows.every((r) => r.status === 'sent')).toBe(true);
        expect(back.messages.map((m) => m.parsed.messageId).sort()).toEqual(rows.map((r) => r.email_message_id).sort());
      } finally { await back.close(); }
    } finally { await t2.cleanup(); }
  });
});

describe('no transport configured', () => {
  it('keeps the mail queued with a clear reason instead of dropping it or logging it', async () => {
    const t3 = await createTestRuntime();
    try {
      const { id } = await queueMail(t3.rt.systemCtx(t3.rt.defaultTenantId), mail());
      while ((await t3.rt.worker.runOnce()) > 0) { /* drain */ }
      const row = await findOutboundMail(t3.rt.db, t3.rt.defaultTenantId, id);
      expect(row).toMatchObject({ status: 'queued', attempts: 0, reason: NO_TRANSPORT_REASON });
      const job = await t3.rt.db.selectFrom('jobs').select(['status', 'attempts', 'run_at']).executeTakeFirstOrThrow();
      expect(job).toMatchObject({ status: 'pending', attempts: 0 });
      expect(new Date(job.run_at).getTime()).toBeGreaterThan(Date.now() + 5 * 60_000);
    } finally { await t3.cleanup(); }
  });
});

describe('transport selection', () => {
  it("sends through the tenant's own server over SMTP_URL, and falls back to SMTP_URL when it is removed", async () => {
    const own = await startSmtpSink();
    try {
      await saveOutgoingMail(ctx(), t.rt.secrets, null, { kind: 'smtp', host: '127.0.0.1', port: own.port, security: 'none' });
      const first = await queueMail(ctx(), mail());
      await drain();
      expect(own.messages.map((m) => m.parsed.messageId)).toEqual([first.emailMessageId]);
      expect(sink.messages).toEqual([]);

      await removeOutgoingMail(ctx(), null);
      const second = await queueMail(ctx(), mail());
      await drain();
      expect(sink.messages.map((m) => m.parsed.messageId)).toEqual([second.emailMessageId]);
      expect(own.messages).toHaveLength(1);
    } finally { await own.close(); }
  });
});
