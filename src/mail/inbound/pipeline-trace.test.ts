/** The decision trace (issue 9): each kind of mail leaves the decisions an operator needs, stored with the message. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, eml } from '../../../test/helpers/mail.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { createDepartment } from '../../domain/departments/create-department.ts';
import { updateDepartment } from '../../domain/departments/update-department.ts';
import { saveOrganisation } from '../../domain/organisations/save-organisation.ts';
import { updateSettings } from '../../domain/settings/update-settings.ts';
import { createUser } from '../../domain/users/create-user.ts';
import { loadActor } from '../../domain/users/load-actor.ts';
import type { Runtime } from '../../runtime.ts';
import { explainMail } from './explain-mail.ts';
import { findInbound, type InboundRow } from './inbound.repo.ts';
import { processInbound } from './process-inbound.ts';
import { receiveMessage } from './receive-message.ts';
import { reprocessInbound } from './reprocess-inbound.ts';
import { parseTrace, type Trace, type TraceEntry } from './trace.ts';

let t: TestRuntime;
let rt: Runtime;
let departmentId: number;
const QUEUE = 'help@trace.example';

const traceOf = (m: InboundRow): Trace => {
  const trace = parseTrace(m.trace ?? null);
  expect(trace).not.toBeNull();
  return trace!;
};
const codes = (trace: Trace) => trace.entries.map((e) => `${e.step}:${e.decision}`);
const entry = (trace: Trace, step: string, decision: string): TraceEntry => {
  const found = trace.entries.find((e) => e.step === step && e.decision === decision);
  expect(found, `${step}:${decision} in ${codes(trace).join(' ')}`).toBeDefined();
  return found!;
};
const numberOf = async (ticketId: string | null) => (await rt.db.selectFrom('tickets').select('number').where('id', '=', ticketId!).executeTakeFirstOrThrow()).number;
const count = async (table: 'tickets' | 'users' | 'inbound_messages' | 'messages' | 'events') =>
  Number((await rt.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  const system = rt.systemCtx(rt.defaultTenantId);
  departmentId = (await createDepartment(system, { name: 'Trace Desk', addresses: [QUEUE] })).id;
  await saveOrganisation(system, null, { name: 'Acme', domains: ['acme.example'] });
});
afterAll(async () => t.cleanup());

describe('why did this land on a ticket', () => {
  it('a new ticket: the queue address and where it was read, the created sender, the organisation by domain, the ticket number', async () => {
    const inbound = await deliver(rt, eml({ from: 'Nina <nina@acme.example>', to: QUEUE, subject: 'Printer', body: 'SECRET-BODY-PHRASE: the printer is on fire.' }), { recipients: [QUEUE] });
    const trace = traceOf(inbound);
    expect(inbound.status).toBe('processed');
    expect(entry(trace, 'route', 'queue-address').detail).toBe(`matched queue address ${QUEUE} (SMTP envelope) → department Trace Desk`);
    expect(entry(trace, 'identify-sender', 'created').detail).toContain('nina@acme.example was no user: created the customer Nina');
    expect(entry(trace, 'identify-sender', 'organisation-by-domain').detail).toBe('joined organisation Acme, which owns the domain acme.example');
    expect(entry(trace, 'thread', 'no-ticket').detail).toBe('continues no ticket');
    const number = await numberOf(inbound.ticket_id);
    expect(entry(trace, 'persist', 'ticket-created').detail).toBe(`ticket ${number} created in Trace Desk for nina@acme.example`);
    expect(trace.entries.at(-1)).toMatchObject({ step: 'outcome', decision: 'processed' });
    expect(codes(trace)).toEqual(['dedupe:unique', 'detect-loop:not-ours', 'classify:person', 'route:queue-address', 'identify-sender:created',
      'identify-sender:organisation-by-domain', 'thread:no-ticket', 'strip-quoted:full-text', 'persist:ticket-created', 'outcome:processed']);
    // Privacy: the trace explains, it does not copy the message.
    expect(inbound.trace).not.toContain('SECRET-BODY-PHRASE');
  });

  it('threaded by In-Reply-To: the Message-ID, the message and the ticket it names; the history cut and by which marker', async () => {
    const first = await deliver(rt, eml({ from: 'nina@acme.example', to: QUEUE, subject: 'Hilo', body: 'Uno.', messageId: '<t1@acme.example>' }));
    const reply = await deliver(rt, eml({
      from: 'nina@acme.example', to: QUEUE, subject: 'Re: Hilo', inReplyTo: '<t1@acme.example>',
      body: 'Dos.\n\nOn Sat, 21 Nov 2026 at 10:00, Nina <nina@acme.example> wrote:\n> Uno.\n',
    }));
    const trace = traceOf(reply);
    const number = await numberOf(first.ticket_id);
    expect(reply.ticket_id).toBe(first.ticket_id);
    expect(entry(trace, 'identify-sender', 'found').detail).toMatch(/^nina@acme\.example is the customer Nina/);
    expect(entry(trace, 'identify-sender', 'organisation-member').detail).toBe('member of organisation Acme');
    expect(entry(trace, 'thread', 'in-reply-to').detail).toBe(`In-Reply-To <t1@acme.example> → message ${first.message_id} of ${number}`);
    expect(entry(trace, 'strip-quoted', 'history-stripped').detail).toMatch(/^kept 1 of 4 lines; history from line 3, by attribution "On Sat/);
    expect(entry(trace, 'persist', 'reply-appended').detail).toBe(`reply appended to ${number}`);
  });

  it('threaded by subject token, with the sender check', async () => {
    const first = await deliver(rt, eml({ from: 'nina@acme.example', to: QUEUE, subject: 'Token', body: 'x' }));
    const number = await numberOf(first.ticket_id);
    const mine = await deliver(rt, eml({ from: 'nina@acme.example', to: QUEUE, subject: `Re: [${number}] Token`, body: 'Es mío.' }));
    expect(mine.ticket_id).toBe(first.ticket_id);
    expect(entry(traceOf(mine), 'thread', 'subject-token').detail).toBe(`subject token [${number}], and the sender nina@acme.example takes part in it (requester) → threaded`);
  });

  it('refuses a subject token from someone who takes no part, and says so before the new ticket', async () => {
    const first = await deliver(rt, eml({ from: 'nina@acme.example', to: QUEUE, subject: 'Privado', body: 'x' }));
    const number = await numberOf(first.ticket_id);
    const stranger = await deliver(rt, eml({ from: 'mallory@evil.example', to: QUEUE, subject: `[${number}] hola`, body: 'Me cuelo.' }));
    expect(stranger.ticket_id).not.toBe(first.ticket_id);
    const trace = traceOf(stranger);
    expect(entry(trace, 'thread', 'subject-token-refused').detail).toBe(`subject token [${number}] refused: the sender mallory@evil.example takes no part in ${number}`);
    expect(entry(trace, 'identify-sender', 'organisation-none').detail).toBe('no organisation owns the domain evil.example');
    expect(codes(trace)).toContain('persist:ticket-created');
  });

  it('a forward from a forwarding domain: the original sender and what was kept', async () => {
    await updateSettings(rt.systemCtx(rt.defaultTenantId), { mail_forwarding_domains: ['trace.example'] });
    await createUser(rt.systemCtx(rt.defaultTenantId), { email: 'agent@trace.example', name: 'Agent', role: 'agent' });
    const inbound = await deliver(rt, eml({
      from: 'Agent <agent@trace.example>', to: QUEUE, subject: 'Fwd: Pedido roto',
      body: 'Os lo paso.\n\n---------- Forwarded message ---------\nFrom: Cliente Final <final@cliente.example>\nDate: Fri, 20 Nov 2026 at 09:00\nSubject: Pedido roto\nTo: <agent@trace.example>\n\nEl pedido llegó roto.\n',
    }));
    await updateSettings(rt.systemCtx(rt.defaultTenantId), { mail_forwarding_domains: [] });
    const trace = traceOf(inbound);
    expect(entry(trace, 'classify', 'forward').detail).toContain('forwards a message from Cliente Final <final@cliente.example>, subject "Pedido roto"');
    expect(entry(trace, 'identify-sender', 'original-sender').detail).toBe('agent@trace.example is of forwarding domain trace.example: the requester is the original sender final@cliente.example');
    expect(codes(trace)).toContain('strip-quoted:forwarded-text');
  });
});

describe('why was this not a ticket', () => {
  it('an automatic reply that continues nothing: ignored, with the header that gave it away', async () => {
    const inbound = await deliver(rt, eml({ from: 'bob@acme.example', to: QUEUE, subject: 'Out of office', headers: { 'Auto-Submitted': 'auto-replied' }, body: 'Away.' }));
    expect(inbound.status).toBe('ignored');
    const trace = traceOf(inbound);
    expect(entry(trace, 'classify', 'automatic').detail).toContain('auto-submitted: auto-replied');
    expect(entry(trace, 'identify-sender', 'unknown-automatic').detail).toBe('bob@acme.example is no user; no account is made for automatic mail');
    expect(entry(trace, 'handle-auto-reply', 'ignored-no-ticket').detail).toContain('never a new ticket');
    expect(trace.entries.at(-1)).toEqual({ step: 'outcome', decision: 'ignored', detail: expect.stringContaining('ignored by handle-auto-reply: automatic mail that continues no ticket') });
  });

  it('a bounce: the report, the bounced message and the ticket it went on, the report parts not kept', async () => {
    const first = await deliver(rt, eml({ from: 'gone@acme.example', to: QUEUE, subject: 'Rebote', body: 'x', messageId: '<tb1@acme.example>' }));
    const dsn = Buffer.from([
      'From: Mail Delivery System <MAILER-DAEMON@mx.acme.example>', `To: ${QUEUE}`, 'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <tdsn1@mx.acme.example>', 'Auto-Submitted: auto-replied', 'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"', '',
      '--B', 'Content-Type: text/plain', '', 'I could not deliver your message to gone@acme.example: user unknown.', '',
      '--B', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.acme.example', '',
      'Final-Recipient: rfc822; gone@acme.example', 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 User unknown', '',
      '--B', 'Content-Type: text/rfc822-headers', '', `From: ${QUEUE}`, 'To: gone@acme.example', 'Message-ID: <tb1@acme.example>', 'Subject: Re: Rebote', '',
      '--B--', '',
    ].join('\r\n'));
    const bounce = await deliver(rt, dsn);
    const trace = traceOf(bounce);
    expect(bounce.ticket_id).toBe(first.ticket_id);
    expect(entry(trace, 'classify', 'bounce').detail).toBe('a delivery failure report: recipient gone@acme.example, status 5.1.1, permanent');
    expect(entry(trace, 'handle-bounce', 'note-on-ticket').detail).toBe(`the bounced message <tb1@acme.example> is message ${first.message_id} of ${await numberOf(first.ticket_id)}: kept there as a note`);
    expect(codes(trace)).toEqual(expect.arrayContaining(['attachments:machine-mail-parts-dropped', 'persist:note-appended', 'outcome:processed']));
  });

  it('a duplicate: the same Message-ID as a message already on a ticket', async () => {
    const raw = eml({ from: 'nina@acme.example', to: QUEUE, subject: 'Dos veces', body: 'x', messageId: '<dup@acme.example>' });
    const first = await deliver(rt, raw);
    const { id } = await receiveMessage(rt, { tenantId: rt.defaultTenantId, mailboxId: null, source: 'mailgate', raw });
    await processInbound(rt, rt.defaultTenantId, id, true);
    const second = (await findInbound(rt.db, rt.defaultTenantId, id))!;
    expect(second.status).toBe('dropped');
    const trace = traceOf(second);
    expect(codes(trace)).toEqual(['dedupe:duplicate-message-id', 'outcome:dropped']);
    expect(trace.entries[0].detail).toBe(`Message-ID <dup@acme.example> is already message ${first.message_id} of ticket ${first.ticket_id}`);
  });

  it('mail for no queue is rejected with the recipients it had; reprocessing replaces the trace', async () => {
    const rejected = await deliver(rt, eml({ from: 'nina@acme.example', to: 'nobody@trace.example', subject: 'Sin cola', body: 'x' }));
    expect(rejected.status).toBe('rejected');
    expect(codes(traceOf(rejected)).slice(-2)).toEqual(['route:no-queue-address', 'outcome:rejected']);
    expect(entry(traceOf(rejected), 'route', 'no-queue-address').detail).toBe('no queue address among the recipients (nobody@trace.example), and no mailbox department');

    await updateDepartment(rt.systemCtx(rt.defaultTenantId), departmentId, { addresses: [QUEUE, 'nobody@trace.example'] });
    const admin = await createUser(rt.systemCtx(rt.defaultTenantId), { email: 'boss@trace.example', name: 'Boss', role: 'admin' });
    const waiting = await reprocessInbound(rt.ctx(rt.defaultTenantId, await loadActor(rt.db, admin), 'api'), rejected.id);
    expect(waiting.trace).toBeNull();
    await processInbound(rt, rt.defaultTenantId, rejected.id, true);
    const after = (await findInbound(rt.db, rt.defaultTenantId, rejected.id))!;
    expect(after.status).toBe('processed');
    expect(codes(traceOf(after))).not.toContain('route:no-queue-address');
    expect(entry(traceOf(after), 'route', 'queue-address').detail).toContain('matched queue address nobody@trace.example (To)');
  });

  it('a message that fails for good is quarantined with the error in its trace', async () => {
    const { id } = await receiveMessage(rt, { tenantId: rt.defaultTenantId, mailboxId: null, source: 'mailgate', raw: eml({ from: 'nina@acme.example', to: QUEUE, subject: 'Roto', body: 'x' }) });
    await rt.db.deleteFrom('inbound_raw').where('inbound_id', '=', id).execute();
    expect(await processInbound(rt, rt.defaultTenantId, id, true)).toBe('quarantined');
    expect(traceOf((await findInbound(rt.db, rt.defaultTenantId, id))!).entries).toEqual([
      { step: 'outcome', decision: 'error', detail: 'quarantined after its last attempt failed: the raw message is missing' },
    ]);
  });
});

describe('the dry run of parley mail inspect --explain', () => {
  it('runs every step and stores nothing', async () => {
    const before = await Promise.all((['tickets', 'users', 'inbound_messages', 'messages', 'events'] as const).map(count));
    const trace = await explainMail(rt, rt.defaultTenantId, eml({
      from: 'Zed <zed@newco.example>', to: QUEUE, subject: 'Dry', body: 'x',
      attachments: [{ filename: 'a.png', contentType: 'image/png', content: Buffer.from('89504e470d0a1a0a', 'hex') }],
    }));
    expect(trace.dryRun).toBe(true);
    expect(codes(trace)).toEqual(expect.arrayContaining(['identify-sender:created', 'attachments:saved', 'persist:ticket-created', 'outcome:processed']));
    expect(await Promise.all((['tickets', 'users', 'inbound_messages', 'messages', 'events'] as const).map(count))).toEqual(before);
    // Not even the ticket number was spent: the next real ticket gets the one the dry run named.
    const wouldBe = /ticket (\S+) created/.exec(entry(trace, 'persist', 'ticket-created').detail)![1];
    const real = await deliver(rt, eml({ from: 'zed@newco.example', to: QUEUE, subject: 'Real', body: 'x' }));
    expect(await numberOf(real.ticket_id)).toBe(wouldBe);
  });

  it('explains a message that was already received as the duplicate it would be', async () => {
    const raw = eml({ from: 'nina@acme.example', to: QUEUE, subject: 'Ya está', body: 'x', messageId: '<again@acme.example>' });
    const first = await deliver(rt, raw);
    const trace = await explainMail(rt, rt.defaultTenantId, raw);
    expect(codes(trace)).toEqual(['dedupe:duplicate-message-id', 'outcome:dropped']);
    expect(trace.entries[0].detail).toContain(`of ticket ${first.ticket_id}`);
  });
});
