/**
 * The email loop end to end, through a real SMTP sink: a customer mails in, an agent
 * answers through the API, the mail the sink captured is answered as Gmail, Outlook and
 * Apple Mail answer (in English, Spanish and Portuguese), and the answer lands on the same
 * ticket with only the new text — also when the client dropped In-Reply-To.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../../test/helpers/api.ts';
import { buildClientReply, type Client, type ReplyLanguage } from '../../../../test/helpers/client-replies.ts';
import { deliver, eml } from '../../../../test/helpers/mail.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../../../test/helpers/smtp-sink.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../../test/helpers/world.ts';
import { updateDepartment } from '../../../domain/departments/update-department.ts';
import { updateSettings } from '../../../domain/settings/update-settings.ts';
import { createUser } from '../../../domain/users/create-user.ts';
import { buildApp } from '../../../http/app.ts';
import type { Runtime } from '../../../runtime.ts';

const QUEUE = 'soporte@example.com';
let sink: SmtpSink;
let t: TestRuntime;
let rt: Runtime;
let app: FastifyInstance;
let world: World;

const drain = async () => { while ((await rt.worker.runOnce()) > 0) { /* drain */ } };
const mailsTo = (address: string) => sink.messages.filter((m) => m.envelope.to.includes(address));
const messagesOf = (ticketId: string) => rt.db.selectFrom('messages').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('id').execute();

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestRuntime({ SMTP_URL: sink.url, PARLEY_BASE_URL: 'https://help.example', PARLEY_MAIL_FROM: 'Parley <parley@help.example>' });
  rt = t.rt;
  app = await buildApp(rt);
  world = await buildWorld(rt);
  const system = rt.systemCtx(world.tenantId);
  await updateDepartment(system, 1, { addresses: [QUEUE] });
  // These tests send many mails to few addresses; the send threshold has its own tests.
  await updateSettings(system, { mail_send_threshold: 1000 });
  await drain();
});
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
  await sink?.close();
});

/** A customer opens a ticket by mail, an agent answers through the API: the agent's mail as the sink got it. */
async function openAndAnswer(customer: string, subject: string, answer: string) {
  const first = `<${Math.random().toString(36).slice(2)}@customer.example>`;
  const inbound = await deliver(rt, eml({ from: customer, to: QUEUE, subject, body: 'The printer on floor 2 prints blank pages.', messageId: first }));
  expect(inbound.status).toBe('processed');
  const ticketId = inbound.ticket_id!;
  await drain();
  const address = customer.match(/<(.+)>/)![1]!;
  const before = mailsTo(address).length;
  const replied = await api(app, world.agent.token).post(`/tickets/api/tickets/${ticketId}/reply/`, { body: answer });
  expect(replied.status).toBe(201);
  await drain();
  const sent = mailsTo(address).slice(before);
  expect(sent).toHaveLength(1);
  return { ticketId, first, mail: sent[0]! };
}

const cases: Array<[Client, ReplyLanguage, boolean]> = [
  ['gmail', 'en', false], ['gmail', 'es', false], ['gmail', 'pt-BR', false],
  ['outlook', 'en', true], ['outlook', 'es', true], ['outlook', 'pt-BR', false],
  ['apple', 'en', false], ['apple', 'es', false], ['apple', 'pt-BR', true],
];

describe('an agent reply reaches the customer, and the answer comes back clean', () => {
  it.each(cases)('%s in %s (threading headers dropped: %s)', async (client, language, dropThreading) => {
    const address = `${client}.${language.toLowerCase()}@customers.example`;
    await createUser(rt.systemCtx(world.tenantId), { email: address, name: `Cliente ${client}`, role: 'customer', language });
    const { ticketId, first, mail } = await openAndAnswer(`Cliente ${client} <${address}>`, `Printer ${client} ${language}`, 'Please switch it off and on again.\nThen tell us what happens.');

    const ticket = (await rt.db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirstOrThrow());
    expect(mail.envelope.to).toEqual([address]);
    expect(mail.parsed.subject).toBe(`[${ticket.number}] Printer ${client} ${language}`);
    expect(mail.parsed.replyTo?.value[0]?.address).toBe(QUEUE);
    expect(mail.parsed.from?.value[0]?.address).toBe(QUEUE);
    expect(mail.parsed.inReplyTo).toBe(first);
    expect(mail.parsed.headers.get('auto-submitted')).toBeUndefined();
    expect(mail.parsed.text).toContain('Please switch it off and on again.');
    expect(mail.parsed.text).toContain(`https://help.example/tickets/${ticketId}/`);
    expect(typeof mail.parsed.html).toBe('string');
    // The Message-ID we sent is on the agent's message: the answer threads back by it.
    const agentMessage = (await messagesOf(ticketId)).filter((m) => m.author_id === world.agent.user.id && m.message_type === 'reply').at(-1)!;
    expect(`<${agentMessage.email_message_id}>`).toBe(mail.parsed.messageId);

    const newText = `It works now, thank you! (${client}, ${language})`;
    const back = await deliver(rt, buildClientReply(mail, { client, language, from: { name: `Cliente ${client}`, address }, newText, dropThreading }));
    expect(back.status).toBe('processed');
    expect(back.ticket_id).toBe(ticketId);
    const last = (await messagesOf(ticketId)).at(-1)!;
    expect(last.body).toBe(newText);
    expect(last.message_type).toBe('reply');
  });
});

describe('loops and threads', () => {
  it('answers nothing to a vacation responder that answers our mail', async () => {
    const address = 'away@customers.example';
    const { ticketId, mail } = await openAndAnswer(`Away <${address}>`, 'Invoice copy', 'Here is your invoice.');
    await drain();
    const before = sink.messages.length;
    const outboxBefore = (await rt.db.selectFrom('outbound_mails').select('id').execute()).length;
    const auto = await deliver(rt, eml({
      from: `Away <${address}>`, to: QUEUE, subject: `Automatic reply: ${mail.parsed.subject}`,
      body: 'I am out of the office until Monday.', inReplyTo: mail.parsed.messageId!, references: mail.parsed.messageId!,
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' },
    }));
    expect(auto.ticket_id === null || auto.ticket_id === ticketId).toBe(true);
    await drain();
    expect(sink.messages.length).toBe(before);
    expect((await rt.db.selectFrom('outbound_mails').select('id').execute()).length).toBe(outboxBefore);
  });

  it('threads two mails in a row to one customer: References grow', async () => {
    const address = 'twice@customers.example';
    const { ticketId, first, mail } = await openAndAnswer(`Twice <${address}>`, 'Two answers', 'First answer.');
    expect(await api(app, world.agent.token).post(`/tickets/api/tickets/${ticketId}/reply/`, { body: 'Second answer.' })).toMatchObject({ status: 201 });
    await drain();
    const second = mailsTo(address).at(-1)!;
    const refs = (m: ReceivedMail) => [m.parsed.references ?? []].flat();
    expect(second.parsed.messageId).not.toBe(mail.parsed.messageId);
    expect(refs(mail)).toEqual([first]);
    expect(refs(second)).toEqual([first, mail.parsed.messageId]);
    expect(second.parsed.inReplyTo).toBe(first);
  });
});

describe('a bounce of our own mail', () => {
  it('marks the outgoing mail failed, records message.delivery_failed and notes it on the thread', async () => {
    const { ticketId, mail } = await openAndAnswer('Gone <gone@customers.example>', 'Invoice copy', 'Here is the copy you asked for.');
    const ourId = mail.parsed.messageId!;
    const bounce = Buffer.from([
      'Return-Path: <>', 'From: Mail Delivery System <MAILER-DAEMON@mx.customers.example>', `To: ${QUEUE}`,
      'Subject: Undelivered Mail Returned to Sender', 'Date: Sat, 21 Nov 2026 10:05:00 +0000', `Message-ID: <dsn-${Date.now()}@mx.customers.example>`,
      'MIME-Version: 1.0', 'Content-Type: multipart/report; report-type=delivery-status; boundary="r1"', '',
      '--r1', 'Content-Type: text/plain; charset=us-ascii', '', 'Your message could not be delivered.', '',
      '--r1', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.customers.example', '',
      'Final-Recipient: rfc822; gone@customers.example', 'Action: failed', 'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <gone@customers.example>: User unknown', '',
      '--r1', 'Content-Type: text/rfc822-headers', '', `From: ${mail.parsed.from?.text}`, 'To: gone@customers.example',
      `Subject: ${mail.parsed.subject}`, `Message-ID: ${ourId}`, '', '--r1--', '',
    ].join('\r\n'));
    const inbound = await deliver(rt, bounce);
    expect(inbound.ticket_id).toBe(ticketId);
    const row = await rt.db.selectFrom('outbound_mails').selectAll().where('email_message_id', '=', ourId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed' });
    expect(row.reason).toContain('5.1.1');
    const events = await rt.db.selectFrom('events').selectAll().where('name', '=', 'message.delivery_failed').where('subject_id', '=', ticketId).execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ message_id: row.message_id, recipient: 'gone@customers.example' });
    // The same bounce again (a reprocess, a duplicate report) records nothing twice.
    await deliver(rt, bounce);
    expect(await rt.db.selectFrom('events').select('id').where('name', '=', 'message.delivery_failed').where('subject_id', '=', ticketId).execute()).toHaveLength(1);
  });
});
