import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyDkim } from '../../../../test/helpers/dkim-verify.ts';
import { startGmailServer, type GmailServer } from '../../../../test/helpers/gmail-server.ts';
import { startGraphServer, type GraphServer } from '../../../../test/helpers/graph-server.ts';
import { connectMailbox, insertOAuthMailbox, startOAuthServer, type OAuthServer } from '../../../../test/helpers/oauth-server.ts';
import { startSmtpAuthSink, type SmtpAuthSink } from '../../../../test/helpers/smtp-auth-sink.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import { createDepartment } from '../../../domain/departments/create-department.ts';
import { saveDkim } from '../../../domain/outgoing-mail/save-dkim-key.ts';
import { saveOutgoingMail } from '../../../domain/outgoing-mail/save-outgoing-mail.ts';
import { readOutgoingMail } from '../../../domain/outgoing-mail/read-outgoing-mail.ts';
import type { OutgoingMailInput } from '../../../domain/outgoing-mail/outgoing-mail-settings.ts';
import { createTicket } from '../../../domain/tickets/create-ticket.ts';
import type { Actor } from '../../../domain/shared/context.ts';
import { findMailbox } from '../../inbound/mailboxes.repo.ts';
import { NO_TRANSPORT_REASON } from '../deliver-mail.task.ts';
import { findOutboundMail } from '../outbound-mails.repo.ts';
import { queueMail, type QueuedMail } from '../queue-mail.ts';
import { simpleParser } from 'mailparser';

// No SMTP_URL: every transport here comes from the tenant's and departments' settings.
let t: TestRuntime;
let oauth: OAuthServer;
let sinks: SmtpAuthSink[] = [];
let salesId: number;
beforeAll(async () => {
  t = await createTestRuntime({ PARLEY_BASE_URL: 'https://help.acme.example' });
  oauth = await startOAuthServer();
  salesId = (await createDepartment(ctx(), { name: 'Sales' })).id;
});
afterAll(async () => { await t?.cleanup(); await oauth?.close(); await Promise.all(sinks.map((s) => s.close())); });
afterEach(async () => {
  await t.rt.db.deleteFrom('outbound_mails').execute();
  await t.rt.db.deleteFrom('jobs').execute();
  await t.rt.db.deleteFrom('outgoing_transports').execute();
  await t.rt.db.deleteFrom('outgoing_dkim').execute();
  await t.rt.db.deleteFrom('outgoing_mail_notices').execute();
  t.rt.mail.cache?.closeAll();
});

const ctx = () => t.rt.systemCtx(t.rt.defaultTenantId);
const tenant = () => t.rt.defaultTenantId;
const USERS = { 'help@acme.example': 'right horse battery staple' };
async function sink(o: Parameters<typeof startSmtpAuthSink>[0] = { users: USERS }): Promise<SmtpAuthSink> {
  const s = await startSmtpAuthSink(o);
  sinks.push(s);
  return s;
}
const smtp = (s: SmtpAuthSink, over: Partial<Extract<OutgoingMailInput, { kind: 'smtp' }>> = {}): OutgoingMailInput => ({
  kind: 'smtp', host: '127.0.0.1', port: s.port, security: 'none', username: 'help@acme.example', password: USERS['help@acme.example'], ...over,
});
const mail = (over: Partial<QueuedMail> = {}): QueuedMail => ({
  ticketId: null, messageId: null, kind: 'reply', to: ['rita@example.com'], from: 'Soporte <help@acme.example>',
  subject: '[TK-000042] Re: la impresora', text: 'Hola Rita,\n\nya está arreglada.\n', automatic: false, ...over,
});
async function drain(): Promise<void> {
  while ((await t.rt.worker.runOnce()) > 0) { /* until idle */ }
}
async function dueNow(): Promise<void> {
  await t.rt.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('status', '=', 'pending').execute();
}
async function ticketIn(departmentId: number): Promise<string> {
  const ticket = await createTicket(ctx(), { subject: 'Printer', channel: 'api', departmentId, requester: { email: 'rita@example.com' }, messages: [{ body: 'Hello', messageType: 'reply' }] });
  // Only the mail these tests queue: drop what creating the ticket queued.
  await t.rt.db.deleteFrom('outbound_mails').execute();
  await t.rt.db.deleteFrom('jobs').execute();
  return ticket.id;
}
const row = (id: string) => findOutboundMail(t.rt.db, tenant(), id);

describe('SMTP settings of the tenant and its departments', () => {
  it('logs in with AUTH PLAIN and delivers the mail with our Message-ID', async () => {
    const s = await sink();
    await saveOutgoingMail(ctx(), t.rt.secrets, null, smtp(s));
    const { id, emailMessageId } = await queueMail(ctx(), mail());
    await drain();
    expect(s.attempts).toEqual([{ method: 'PLAIN', username: 'help@acme.example', ok: true }]);
    expect(s.messages).toHaveLength(1);
    expect(s.messages[0]!.parsed.messageId).toBe(emailMessageId);
    expect(s.messages[0]!.envelope).toEqual({ from: 'help@acme.example', to: ['rita@example.com'] });
    expect(await row(id)).toMatchObject({ status: 'sent', last_error: null });
  });

  it('logs in with AUTH LOGIN when that is all the server offers', async () => {
    const s = await sink({ users: USERS, methods: ['LOGIN'] });
    await saveOutgoingMail(ctx(), t.rt.secrets, null, smtp(s));
    await queueMail(ctx(), mail());
    await drain();
    expect(s.attempts).toEqual([{ method: 'LOGIN', username: 'help@acme.example', ok: true }]);
    expect(s.messages).toHaveLength(1);
  });

  it("sends a department's mail through the department's server, the others' through the tenant's", async () => {
    const tenantSink = await sink();
    const salesSink = await sink();
    await saveOutgoingMail(ctx(), t.rt.secrets, null, smtp(tenantSink));
    await saveOutgoingMail(ctx(), t.rt.secrets, salesId, smtp(salesSink));
    const [salesTicket, supportTicket] = [await ticketIn(salesId), await ticketIn(1)];
    const sales = await queueMail(ctx(), mail({ ticketId: salesTicket, subject: 'sales' }));
    const support = await queueMail(ctx(), mail({ ticketId: supportTicket, subject: 'support' }));
    const loose = await queueMail(ctx(), mail({ subject: 'no ticket' }));
    await drain();
    expect(salesSink.messages.map((m) => m.parsed.messageId)).toEqual([sales.emailMessageId]);
    expect(tenantSink.messages.map((m) => m.parsed.messageId).sort()).toEqual([support.emailMessageId, loose.emailMessageId].sort());
  });

  it('keeps a refused login on the row, queued for a retry, with the server\'s words; fixed, it goes out', async () => {
    const s = await sink();
    await saveOutgoingMail(ctx(), t.rt.secrets, null, smtp(s, { password: 'wrong' }));
    const { id } = await queueMail(ctx(), mail());
    await drain();
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'queued', attempts: 1, reason: 'delivery failed; retrying with backoff' });
    expect(failed!.last_error).toMatch(/535.*Username and Password not accepted/);
    expect(s.messages).toEqual([]);

    // Saving the setting again makes the waiting retry run at once, on a new transport.
    await saveOutgoingMail(ctx(), t.rt.secrets, null, smtp(s));
    await drain();
    expect(await row(id)).toMatchObject({ status: 'sent', last_error: null });
    expect(s.messages).toHaveLength(1);
  });

  it('keeps one pooled transport per setting version, and replaces it when the setting changes', async () => {
    const a = await sink();
    const b = await sink();
    await saveOutgoingMail(ctx(), t.rt.secrets, null, smtp(a));
    await queueMail(ctx(), mail());
    await queueMail(ctx(), mail());
    await drain();
    expect(a.messages).toHaveLength(2);
    expect(a.attempts).toHaveLength(1); // one session, one login, two mails
    expect(t.rt.mail.cache?.size).toBe(1);
    await saveOutgoingMail(ctx(), t.rt.secrets, null, smtp(b));
    await queueMail(ctx(), mail());
    await drain();
    expect(b.messages).toHaveLength(1);
    expect(a.messages).toHaveLength(2);
    expect(t.rt.mail.cache?.size).toBe(1);
  });
});

describe('sending through a mailbox connected by OAuth2', () => {
  it('authenticates with SMTP XOAUTH2 as the mailbox, with its access token', async () => {
    const s = await sink({ isValidToken: (token, user) => user === 'help@example.com' && oauth.isValidAccessToken(token) });
    const box = await connectMailbox(t.rt, oauth, await insertOAuthMailbox(t.rt, { kind: 'imap', provider: 'microsoft', oauth }));
    await saveOutgoingMail(ctx(), t.rt.secrets, null, { kind: 'mailbox', mailboxId: box.id, via: 'smtp', host: '127.0.0.1', port: s.port, security: 'none' });
    const { id } = await queueMail(ctx(), mail({ from: 'Help <help@example.com>' }));
    await drain();
    expect(s.attempts).toEqual([{ method: 'XOAUTH2', username: 'help@example.com', ok: true }]);
    expect(s.messages).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'sent' });
  });

  it('refreshes a token the SMTP server refuses, once, and sends', async () => {
    const s = await sink({ isValidToken: (token) => oauth.isValidAccessToken(token) });
    const box = await connectMailbox(t.rt, oauth, await insertOAuthMailbox(t.rt, { kind: 'imap', provider: 'google', oauth }));
    const stored = t.rt.secrets.open((await findMailbox(t.rt.db, tenant(), box.id))!.oauth_access_enc!);
    oauth.revokeAccess(stored);
    await saveOutgoingMail(ctx(), t.rt.secrets, null, { kind: 'mailbox', mailboxId: box.id, via: 'smtp', host: '127.0.0.1', port: s.port, security: 'none' });
    const { id } = await queueMail(ctx(), mail());
    await drain();
    expect(s.attempts.map((a) => a.ok)).toEqual([false, true]);
    expect(await row(id)).toMatchObject({ status: 'sent' });
  });

  it('over SMTP too, a refused refresh token marks the mailbox and the mail waits, queued', async () => {
    const s = await sink({ isValidToken: (token) => oauth.isValidAccessToken(token) });
    let box = await insertOAuthMailbox(t.rt, { kind: 'imap', provider: 'microsoft', oauth });
    box = await connectMailbox(t.rt, oauth, box, 0);
    oauth.revoke(t.rt.secrets.open(box.oauth_refresh_enc!));
    await saveOutgoingMail(ctx(), t.rt.secrets, null, { kind: 'mailbox', mailboxId: box.id, via: 'smtp', host: '127.0.0.1', port: s.port, security: 'none' });
    const { id } = await queueMail(ctx(), mail());
    await drain();
    expect((await findMailbox(t.rt.db, tenant(), box.id))!.state).toBe('needs_reauth');
    expect(await row(id)).toMatchObject({ status: 'queued', reason: expect.stringMatching(/^waiting: mailbox .* needs to be connected again/) });
    expect(s.messages).toEqual([]);
    // Until an admin connects it again, the next attempts wait without trying the server.
    await dueNow();
    await drain();
    expect(await row(id)).toMatchObject({ status: 'queued', reason: expect.stringMatching(/^waiting: mailbox .* needs to be connected again/) });
    expect(s.attempts).toEqual([]);
  });

  it('sends the same MIME through Graph sendMail: our Message-ID, threading and both bodies', async () => {
    const graph: GraphServer = await startGraphServer({ user: 'help@example.com', isValidToken: (tk) => oauth.isValidAccessToken(tk) });
    try {
      const box = await connectMailbox(t.rt, oauth, await insertOAuthMailbox(t.rt, { kind: 'graph', provider: 'microsoft', oauth, graphUrl: graph.url }));
      await saveOutgoingMail(ctx(), t.rt.secrets, null, { kind: 'mailbox', mailboxId: box.id });
      const { id, emailMessageId } = await queueMail(ctx(), mail({ html: '<p>Hola Rita</p>', inReplyTo: '<abc@mail.example.com>', references: ['<abc@mail.example.com>'] }));
      await drain();
      expect(graph.requests).toContain('POST /v1.0/users/help%40example.com/sendMail');
      expect(graph.sent).toHaveLength(1);
      const p = await simpleParser(graph.sent[0]!);
      expect(p.messageId).toBe(emailMessageId);
      expect(p.inReplyTo).toBe('<abc@mail.example.com>');
      expect(p.text).toBe('Hola Rita,\n\nya está arreglada.\n');
      expect(p.html).toContain('<p>Hola Rita</p>');
      expect(p.headers.get('x-loop')).toMatch(/^parley@/);
      expect(await row(id)).toMatchObject({ status: 'sent' });
    } finally { await graph.close(); }
  });

  it('sends the raw MIME through Gmail users.messages.send', async () => {
    const gmail: GmailServer = await startGmailServer({ isValidToken: (tk) => oauth.isValidAccessToken(tk) });
    try {
      const box = await connectMailbox(t.rt, oauth, await insertOAuthMailbox(t.rt, { kind: 'gmail', provider: 'google', oauth, gmailUrl: gmail.url }));
      await saveOutgoingMail(ctx(), t.rt.secrets, salesId, { kind: 'mailbox', mailboxId: box.id });
      const { id, emailMessageId } = await queueMail(ctx(), mail({ ticketId: await ticketIn(salesId) }));
      await drain();
      expect(gmail.requests).toContain('POST /gmail/v1/users/me/messages/send');
      expect(gmail.sent).toHaveLength(1);
      expect((await simpleParser(gmail.sent[0]!)).messageId).toBe(emailMessageId);
      expect(await row(id)).toMatchObject({ status: 'sent' });
    } finally { await gmail.close(); }
  });

  it('marks the mailbox as needing re-authorization when its refresh token is refused; the mail waits, queued', async () => {
    const gmail = await startGmailServer({ isValidToken: (tk) => oauth.isValidAccessToken(tk) });
    try {
      let box = await insertOAuthMailbox(t.rt, { kind: 'gmail', provider: 'google', oauth, gmailUrl: gmail.url });
      box = await connectMailbox(t.rt, oauth, box, 0); // expired: the next use refreshes
      oauth.revoke(t.rt.secrets.open(box.oauth_refresh_enc!));
      await saveOutgoingMail(ctx(), t.rt.secrets, null, { kind: 'mailbox', mailboxId: box.id });
      const { id } = await queueMail(ctx(), mail());
      await drain();
      expect((await findMailbox(t.rt.db, tenant(), box.id))!.state).toBe('needs_reauth');
      const waiting = await row(id);
      expect(waiting!.status).toBe('queued');
      expect(waiting!.reason).toMatch(/^waiting: mailbox .* needs to be connected again by an admin/);
      expect(gmail.sent).toEqual([]);
      const events = await t.rt.db.selectFrom('events').select('name').where('name', '=', 'mailbox.needs_reauth').where('subject_id', '=', box.id).execute();
      expect(events).toHaveLength(1);
    } finally { await gmail.close(); }
  });
});

describe('DKIM', () => {
  it('signs every mail of the tenant; the signature verifies with the published key', async () => {
    const s = await sink();
    await saveOutgoingMail(ctx(), t.rt.secrets, null, smtp(s));
    const key = await saveDkim(ctx(), t.rt.secrets, { domain: 'acme.example', selector: 'parley2026' });
    await queueMail(ctx(), mail({ html: '<p>Hola</p>' }));
    await drain();
    const raw = s.messages[0]!.raw;
    expect(raw).toMatch(/^DKIM-Signature: /m);
    const check = verifyDkim(raw, key.public_key);
    expect(check).toMatchObject({ domain: 'acme.example', selector: 'parley2026', bodyHashOk: true, signatureOk: true });
    expect(check.headers).toEqual(expect.arrayContaining(['from', 'subject', 'message-id']));
    // A tampered body no longer verifies.
    expect(verifyDkim(raw.replace('Hola Rita', 'Hola Rito'), key.public_key).bodyHashOk).toBe(false);
  });
});

describe('with no transport at all', () => {
  const admin = (): Actor => ({
    kind: 'user', id: 'admin-1', tenantId: tenant(), role: 'admin', name: 'Ada', email: 'ada@acme.example',
    organisationId: null, canAccessTicketing: true, restrictedToDepartments: false, departmentIds: [], scopes: null,
  });

  it('keeps the mail queued, tells the admins once, and sends it all when a transport is set', async () => {
    const a = await queueMail(ctx(), mail());
    const b = await queueMail(ctx(), mail());
    await drain();
    await dueNow();
    await drain();
    for (const id of [a.id, b.id]) expect(await row(id)).toMatchObject({ status: 'queued', reason: NO_TRANSPORT_REASON, attempts: 0 });
    const events = await t.rt.db.selectFrom('events').select(['name', 'payload']).where('name', '=', 'outgoing_mail.no_transport').execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ queued: 2 });
    const state = await readOutgoingMail(t.rt.ctx(tenant(), admin(), 'api'), null, false);
    expect(state).toMatchObject({ effective: 'none', queued: 2, waiting: { waiting_since: expect.any(String) } });

    const s = await sink();
    await saveOutgoingMail(ctx(), t.rt.secrets, null, smtp(s));
    await drain();
    expect(s.messages).toHaveLength(2);
    for (const id of [a.id, b.id]) expect(await row(id)).toMatchObject({ status: 'sent', reason: null });
    expect((await readOutgoingMail(t.rt.ctx(tenant(), admin(), 'api'), null, false)).waiting).toBeUndefined();
  });
});
