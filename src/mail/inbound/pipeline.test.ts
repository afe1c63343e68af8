import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDepartment } from '../../domain/departments/create-department.ts';
import { updateSettings } from '../../domain/settings/update-settings.ts';
import { getTicketThread } from '../../domain/tickets/get-ticket-thread.ts';
import { createUser } from '../../domain/users/create-user.ts';
import { loadActor } from '../../domain/users/load-actor.ts';
import { deliver, eml } from '../../../test/helpers/mail.ts';
import { loopToken } from './steps/detect-loop.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { Runtime } from '../../runtime.ts';

let t: TestRuntime;
let rt: Runtime;
let engineeringId: number;
let soporteId: string;

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const ticketOf = async (id: string | null) => rt.db.selectFrom('tickets').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
const messagesOf = async (ticketId: string) => rt.db.selectFrom('messages').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('id').execute();
const setting = (changes: Record<string, unknown>) => updateSettings(rt.systemCtx(rt.defaultTenantId), changes);

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  const system = rt.systemCtx(rt.defaultTenantId);
  soporteId = (await createUser(system, { email: 'soporte@integria.example', name: 'soporte', role: 'agent' })).id;
  engineeringId = (await createDepartment(system, { name: 'Engineering', addresses: ['support@integria.example'], defaultOwnerId: soporteId })).id;
  await createDepartment(system, { name: 'Closed Queue', addresses: ['vip@integria.example'], autoCreateCustomers: false });
  await createUser(system, { email: 'operador@integria.example', name: 'Operador', role: 'agent' });
});
afterAll(async () => t.cleanup());
beforeEach(async () => setting({ response_to_closed_ticket_action: 'reopen_old_ticket', mask_email_addresses: false, mail_forwarding_domains: [] }));

describe('a new ticket by email (seed 001)', () => {
  it("creates the seed's example ticket", async () => {
    const inbound = await deliver(rt, eml({
      from: 'User <user@company.example>', to: 'support@integria.example', cc: 'myboss@company.example',
      subject: 'Problema con los servidores.', body: 'Seguimos teniendo problemas con los servidores. Han estado caídos toda la mañana.',
      attachments: [{ filename: 'screen1.png', contentType: 'image/png', content: PNG }],
    }));
    expect(inbound).toMatchObject({ status: 'processed', reason: null });
    const ticket = await ticketOf(inbound.ticket_id);
    expect(ticket).toMatchObject({ subject: 'Problema con los servidores.', department_id: engineeringId, assignee_id: soporteId, status: 'new', channel: 'email' });
    const requester = await rt.db.selectFrom('users').selectAll().where('id', '=', ticket.requester_id).executeTakeFirstOrThrow();
    expect(requester).toMatchObject({ email: 'user@company.example', name: 'User', role: 'customer' });
    const recipients = await rt.db.selectFrom('ticket_recipients').select('address').where('ticket_id', '=', ticket.id).execute();
    expect(recipients.map((r) => r.address)).toEqual(['myboss@company.example']);
    const [message] = await messagesOf(ticket.id);
    expect(message.body).toBe('Seguimos teniendo problemas con los servidores. Han estado caídos toda la mañana.');
    const files = await rt.db.selectFrom('attachments').selectAll().where('message_id', '=', message.id).execute();
    expect(files.map((f) => [f.filename, f.content_type, f.size])).toEqual([['screen1.png', 'image/png', PNG.length]]);
  });

  it('keeps mail whose text holds NUL characters (PostgreSQL cannot store them)', async () => {
    const inbound = await deliver(rt, eml({
      from: 'Nul\u0000 Sender <nul@company.example>', to: 'support@integria.example',
      subject: 'Broken\u0000 export', body: 'The export\u0000 stops here.',
    }));
    expect(inbound).toMatchObject({ status: 'processed', reason: null });
    const ticket = await ticketOf(inbound.ticket_id);
    expect(ticket.subject).toBe('Broken export');
    const [message] = await messagesOf(ticket.id);
    expect(message.body).toBe('The export stops here.');
  });

  it('does not treat mail for no queue, and says why', async () => {
    const inbound = await deliver(rt, eml({ from: 'user@company.example', to: 'random@integria.example', subject: 'Hola', body: 'x' }));
    expect(inbound.status).toBe('rejected');
    expect(inbound.reason).toContain('no queue address');
    expect(inbound.ticket_id).toBeNull();
  });

  it('rejects unknown senders where the queue does not create customers', async () => {
    const inbound = await deliver(rt, eml({ from: 'new@stranger.example', to: 'vip@integria.example', subject: 'Hola', body: 'x' }));
    expect(inbound.status).toBe('rejected');
    expect(inbound.reason).toContain('does not create customers');
  });

  it('makes one ticket of one message sent to two queue addresses, even through two sources', async () => {
    const raw = eml({ from: 'user@company.example', to: 'support@integria.example, ventas@integria.example', subject: 'Dos colas', body: 'una vez' });
    const first = await deliver(rt, raw, { recipients: ['support@integria.example'] });
    const second = await deliver(rt, raw, { mailboxId: null, recipients: ['support@integria.example'] });
    expect(second.id).toBe(first.id);
    const mailbox = await deliver(rt, raw);
    expect(mailbox.status).toBe('processed');
    expect((await rt.db.selectFrom('tickets').select('id').where('subject', '=', 'Dos colas').execute()).length).toBe(1);
  });
});

describe('follow-ups', () => {
  const open = async (subject: string, messageId: string) => {
    const inbound = await deliver(rt, eml({ from: 'Carla <carla@company.example>', to: 'support@integria.example', subject, body: 'Primera parte.', messageId }));
    return ticketOf(inbound.ticket_id);
  };

  it('threads by In-Reply-To and strips the quoted history', async () => {
    const ticket = await open('Hilo', '<first@company.example>');
    const reply = await deliver(rt, eml({
      from: 'carla@company.example', to: 'support@integria.example', subject: 'Re: Hilo', inReplyTo: '<first@company.example>',
      body: 'Sigue igual.\n\nOn Sat, 21 Nov 2026 at 10:00, Carla <carla@company.example> wrote:\n> Primera parte.\n',
    }));
    expect(reply.ticket_id).toBe(ticket.id);
    const messages = await messagesOf(ticket.id);
    expect(messages.at(-1)).toMatchObject({ body: 'Sigue igual.', channel: 'email' });
    expect(messages.at(-1)!.quoted_text).toContain('> Primera parte.');
    const agent = await rt.db.selectFrom('users').selectAll().where('id', '=', soporteId).executeTakeFirstOrThrow();
    const thread = await getTicketThread(rt.ctx(rt.defaultTenantId, await loadActor(rt.db, agent), 'api'), ticket.id);
    expect(thread.messages.at(-1)).toMatchObject({ body: 'Sigue igual.', channel: 'email', quoted_text: expect.stringContaining('> Primera parte.') });
  });

  it('threads by a [TK-…] subject tag only for participants', async () => {
    const ticket = await open('Con número', '<n1@company.example>');
    const mine = await deliver(rt, eml({ from: 'carla@company.example', to: 'support@integria.example', subject: `Re: [${ticket.number}] Con número`, body: 'Es mío.' }));
    expect(mine.ticket_id).toBe(ticket.id);
    const stranger = await deliver(rt, eml({ from: 'mallory@evil.example', to: 'support@integria.example', subject: `[${ticket.number}] hola`, body: 'Me cuelo.' }));
    expect(stranger.status).toBe('processed');
    expect(stranger.ticket_id).not.toBe(ticket.id);
  });

  it('reopens a closed ticket, or opens a new one, as the tenant says (seed 002)', async () => {
    const ticket = await open('Cerrado', '<c1@company.example>');
    await rt.db.updateTable('tickets').set({ status: 'closed', closed_at: new Date().toISOString() }).where('id', '=', ticket.id).execute();
    const reopened = await deliver(rt, eml({ from: 'carla@company.example', to: 'support@integria.example', subject: 'Re: Cerrado', inReplyTo: '<c1@company.example>', body: 'Otra vez.' }));
    expect(reopened.ticket_id).toBe(ticket.id);
    expect((await ticketOf(ticket.id)).status).toBe('open');
    await rt.db.updateTable('tickets').set({ status: 'closed' }).where('id', '=', ticket.id).execute();
    await setting({ response_to_closed_ticket_action: 'create_new_ticket' });
    const fresh = await deliver(rt, eml({ from: 'carla@company.example', to: 'support@integria.example', subject: 'Re: Cerrado', inReplyTo: '<c1@company.example>', body: 'Y otra.' }));
    expect(fresh.ticket_id).not.toBe(ticket.id);
    expect((await ticketOf(ticket.id)).status).toBe('closed');
  });

  it("applies an agent's [INCIDENT] and [WORKUNIT] commands, and never a customer's", async () => {
    const ticket = await open('Comandos', '<cmd1@company.example>');
    const agentMail = await deliver(rt, eml({
      from: 'soporte@integria.example', to: 'support@integria.example', subject: 'Re: Comandos', inReplyTo: '<cmd1@company.example>',
      body: 'Lo reviso.\n\n[INCIDENT]\nGROUP: Closed Queue\nASSIGNED_T0: operador\nPRIORITY: 5\nSTATUS: Assigned\nRESOLUTION: Invalid\n[INCIDENT]\n[WORKUNIT]\nTIME_USED: 0.05\n[WORKUNIT]',
    }));
    expect(agentMail.status).toBe('processed');
    const after = await ticketOf(ticket.id);
    expect(after).toMatchObject({ priority: 'critical', status: 'open', resolution: 'invalid' });
    expect(after.department_id).not.toBe(engineeringId);
    const reply = (await messagesOf(ticket.id)).find((m) => m.id === agentMail.message_id)!;
    expect(reply).toMatchObject({ body: 'Lo reviso.', time_spent: 0.05 });
    const customer = await deliver(rt, eml({
      from: 'carla@company.example', to: 'support@integria.example', subject: 'Re: Comandos', inReplyTo: '<cmd1@company.example>',
      body: '[INCIDENT]\nPRIORITY: 0\n[INCIDENT]',
    }));
    expect((await ticketOf(ticket.id)).priority).toBe('critical');
    expect((await messagesOf(ticket.id)).find((m) => m.id === customer.message_id)!.body).toContain('[INCIDENT]');
  });

  it('keeps an agent\'s mail whose commands the ticket rules refuse, and says so in the thread', async () => {
    const ticket = await open('Refused', '<refused1@company.example>');
    await rt.db.updateTable('tickets').set({ status: 'open' }).where('id', '=', ticket.id).execute();
    const agentMail = await deliver(rt, eml({
      from: 'soporte@integria.example', to: 'support@integria.example', subject: 'Re: Refused', inReplyTo: '<refused1@company.example>',
      body: 'Back to the start.\n\n[INCIDENT]\nSTATUS: New\nPRIORITY: 5\n[INCIDENT]',
    }));
    expect(agentMail.status).toBe('processed');
    expect(await ticketOf(ticket.id)).toMatchObject({ status: 'open', priority: 'medium' });
    const messages = await messagesOf(ticket.id);
    expect(messages.find((m) => m.id === agentMail.message_id)!.body).toBe('Back to the start.');
    expect(messages.filter((m) => m.body.startsWith('Email commands')).map((m) => m.body)).toEqual([
      'Email commands were not applied: status: cannot go back to new once the ticket is open.',
    ]);
  });

  it('ignores commands when a trusted server saw DMARC fail, or when the syntax is wrong', async () => {
    await setting({ email_command_trusted_authserv_ids: ['mx.integria.example'] });
    const ticket = await open('DMARC', '<d1@company.example>');
    await deliver(rt, eml({
      from: 'soporte@integria.example', to: 'support@integria.example', subject: 'Re: DMARC', inReplyTo: '<d1@company.example>',
      headers: { 'Authentication-Results': 'mx.integria.example; spf=fail; dmarc=fail (p=reject) header.from=integria.example' },
      body: '[INCIDENT]\nPRIORITY: 5\n[INCIDENT]',
    }));
    expect((await ticketOf(ticket.id)).priority).toBe('medium');
    await deliver(rt, eml({
      from: 'soporte@integria.example', to: 'support@integria.example', subject: 'Re: DMARC', inReplyTo: '<d1@company.example>',
      headers: { 'Authentication-Results': 'attacker.example; dmarc=pass' }, body: '[INCIDENT]\nPRIORITY: high\n[INCIDENT]',
    }));
    const messages = await messagesOf(ticket.id);
    expect((await ticketOf(ticket.id)).priority).toBe('medium');
    expect(messages.filter((m) => m.body.startsWith('Email commands')).map((m) => m.body)).toEqual([
      'Email commands were not applied: the sender domain failed DMARC.',
      'Email commands were not applied: [INCIDENT]: PRIORITY must be a number from 0 to 5.',
    ]);
    expect(messages.at(-2)!.body).toContain('PRIORITY: high');
  });
});

describe('noise, bounces and policies', () => {
  it('adds an automatic reply to its ticket as a note, and keeps one that continues nothing as ignored', async () => {
    const ticket = await ticketOf((await deliver(rt, eml({ from: 'ana@company.example', to: 'support@integria.example', subject: 'Vacaciones', body: 'x', messageId: '<v1@company.example>' }))).ticket_id);
    const ooo = await deliver(rt, eml({ from: 'ana@company.example', to: 'support@integria.example', subject: 'Fuera de la oficina', inReplyTo: '<v1@company.example>', headers: { 'Auto-Submitted': 'auto-replied' }, body: 'Estoy de vacaciones.' }));
    expect(ooo.ticket_id).toBe(ticket.id);
    expect((await messagesOf(ticket.id)).at(-1)).toMatchObject({ message_type: 'note' });
    const lone = await deliver(rt, eml({ from: 'bob@company.example', to: 'support@integria.example', subject: 'Out of office', headers: { 'Auto-Submitted': 'auto-replied' }, body: 'Away.' }));
    expect(lone).toMatchObject({ status: 'ignored', ticket_id: null });
    expect(lone.reason).toContain('automatic mail that continues no ticket (auto-submitted: auto-replied');
    const list = await deliver(rt, eml({ from: 'news@lists.example', to: 'support@integria.example', subject: 'Newsletter', headers: { 'List-Id': '<news.lists.example>', Precedence: 'bulk' }, body: 'Ofertas' }));
    expect(list.status).toBe('ignored');
    expect(list.reason).toContain('list-id header and precedence: bulk together');
  });

  it('attaches a bounce to the ticket whose message bounced', async () => {
    const ticket = await ticketOf((await deliver(rt, eml({ from: 'gone@company.example', to: 'support@integria.example', subject: 'Rebote', body: 'x', messageId: '<b1@company.example>' }))).ticket_id);
    const dsn = Buffer.from([
      'From: Mail Delivery System <MAILER-DAEMON@mx.company.example>', 'To: support@integria.example', 'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn1@mx.company.example>', 'Auto-Submitted: auto-replied', 'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"', '',
      '--B', 'Content-Type: text/plain', '', 'I could not deliver your message to gone@company.example: user unknown.', '',
      '--B', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.company.example', '',
      'Final-Recipient: rfc822; gone@company.example', 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 User unknown', '',
      '--B', 'Content-Type: text/rfc822-headers', '', 'From: support@integria.example', 'To: gone@company.example', 'Message-ID: <b1@company.example>', 'Subject: Re: Rebote', '',
      '--B--', '',
    ].join('\r\n'));
    const bounce = await deliver(rt, dsn);
    expect(bounce).toMatchObject({ status: 'processed', ticket_id: ticket.id });
    const note = (await messagesOf(ticket.id)).at(-1)!;
    expect(note.message_type).toBe('note');
    expect(note.body).toContain('Delivery failed to gone@company.example (5.1.1, permanent).');
  });

  it('drops its own notifications coming back', async () => {
    const looped = await deliver(rt, eml({ from: 'support@integria.example', to: 'support@integria.example', subject: 'Re: x', headers: { 'X-Loop': loopToken(rt.mailDomain) }, body: 'x' }));
    expect(looped.status).toBe('dropped');
  });

  it("keeps a person's mail sent through another Parley install (its X-Loop token is not ours)", async () => {
    const inbound = await deliver(rt, eml({ from: 'buyer@company.example', to: 'support@integria.example', subject: 'Pedido 7', headers: { 'X-Loop': 'parley@help.company.example' }, body: 'Hola, ¿dónde está mi pedido?' }));
    expect(inbound).toMatchObject({ status: 'processed', reason: null });
  });

  it('masks addresses in bodies when enabled (seed 001)', async () => {
    await setting({ mask_email_addresses: true });
    const inbound = await deliver(rt, eml({ from: 'user@company.example', to: 'support@integria.example', subject: 'Máscara', body: 'Escribid a jefe@company.example o a otro@x.example.' }));
    expect((await messagesOf(inbound.ticket_id!))[0].body).toBe('Escribid a xxxx@xxxx.xxx o a xxxx@xxxx.xxx.');
  });

  it('names refused attachments in the thread', async () => {
    const inbound = await deliver(rt, eml({
      from: 'user@company.example', to: 'support@integria.example', subject: 'Adjuntos', body: 'ver adjuntos',
      attachments: [{ filename: 'tool.exe', contentType: 'application/x-msdownload', content: Buffer.from('MZ') }, { filename: 'ok.png', contentType: 'image/png', content: PNG }],
    }));
    const messages = await messagesOf(inbound.ticket_id!);
    expect(messages.map((m) => m.body)).toContain('The attachment "tool.exe" was not saved: type application/x-msdownload is not accepted.');
    const files = await rt.db.selectFrom('attachments').select('filename').where('ticket_id', '=', inbound.ticket_id!).execute();
    expect(files.map((f) => f.filename)).toEqual(['ok.png']);
  });

  it('opens the ticket for the original sender of a forward from a forwarding domain (seed 002)', async () => {
    await setting({ mail_forwarding_domains: ['integria.example'] });
    const inbound = await deliver(rt, eml({
      from: 'Operador <operador@integria.example>', to: 'support@integria.example', subject: 'Fwd: Pedido roto',
      body: 'Os lo paso.\n\n---------- Forwarded message ---------\nFrom: Cliente Final <final@cliente.example>\nDate: Fri, 20 Nov 2026 at 09:00\nSubject: Pedido roto\nTo: <operador@integria.example>\n\nEl pedido llegó roto.\n',
    }));
    const ticket = await ticketOf(inbound.ticket_id);
    const requester = await rt.db.selectFrom('users').selectAll().where('id', '=', ticket.requester_id).executeTakeFirstOrThrow();
    expect(requester.email).toBe('final@cliente.example');
  });

  it('quarantines a message that cannot be processed, keeping it for reprocessing', async () => {
    const { receiveMessage } = await import('./receive-message.ts');
    const { processInbound } = await import('./process-inbound.ts');
    const { id } = await receiveMessage(rt, { tenantId: rt.defaultTenantId, mailboxId: null, source: 'mailgate', raw: eml({ from: 'user@company.example', to: 'support@integria.example', subject: 'Roto', body: 'x' }) });
    const raw = await rt.db.selectFrom('inbound_raw').selectAll().where('inbound_id', '=', id).executeTakeFirstOrThrow();
    await rt.db.deleteFrom('inbound_raw').where('inbound_id', '=', id).execute();
    await expect(processInbound(rt, rt.defaultTenantId, id, false)).rejects.toThrow('raw message is missing');
    expect(await processInbound(rt, rt.defaultTenantId, id, true)).toBe('quarantined');
    await rt.db.insertInto('inbound_raw').values(raw).execute();
    expect(await processInbound(rt, rt.defaultTenantId, id, true)).toBe('processed');
  });
});
