/**
 * Scheduled replies end to end, through the API, the job queue and a real SMTP sink:
 * scheduling, what staff and customers see before and after, changing and cancelling,
 * "the customer wrote first" (also through the real inbound pipeline), at most one
 * delivery when send_at moves under a worker, and the audit events of each action.
 * "Time passes" either for real (a send_at two seconds ahead) or by moving a mail's
 * send_at and its jobs into the past, which is what the clock would do.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, formData } from '../../../test/helpers/api.ts';
import { deliver, eml } from '../../../test/helpers/mail.ts';
import { startSmtpSink, type SmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { accessTokenFor, buildWorld, type World } from '../../../test/helpers/world.ts';
import { createUser } from '../../domain/users/create-user.ts';
import { updateDepartment } from '../../domain/departments/update-department.ts';
import { updateSettings } from '../../domain/settings/update-settings.ts';
import { publishJobKey } from '../../domain/tickets/publish-scheduled-reply.task.ts';
import { buildApp } from '../../http/app.ts';
import type { Runtime } from '../../runtime.ts';
import { sendDueMail } from './send-due-mail.ts';

const QUEUE = 'help@example.com';
let sink: SmtpSink;
let t: TestRuntime;
let rt: Runtime;
let app: FastifyInstance;
let w: World;
let seq = 0;

const drain = async () => { while ((await rt.worker.runOnce()) > 0) { /* drain */ } };
const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();
const HOUR = 3600_000;
const mailsTo = (address: string) => sink.messages.filter((m) => m.envelope.to.includes(address));

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestRuntime({ SMTP_URL: sink.url, PARLEY_BASE_URL: 'https://help.example' });
  rt = t.rt;
  app = await buildApp(rt);
  w = await buildWorld(rt);
  await updateDepartment(rt.systemCtx(w.tenantId), 1, { addresses: [QUEUE] });
  await updateSettings(rt.systemCtx(w.tenantId), { mail_send_threshold: 1000 });
  await drain();
});
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
  await sink?.close();
});

/** A ticket the customer opened through the API, with a scheduled reply of the agent on it (its mail queued). */
async function scheduled(sendAt = ahead(HOUR), word = `zebra${++seq}word`) {
  const opened = await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: `Scheduled ${seq}`, messages: [{ body: 'Help please' }] });
  expect(opened.status).toBe(201);
  const ticketId = opened.body.id as string;
  await drain();
  const reply = await api(app, w.agent.token).post(`/tickets/api/tickets/${ticketId}/reply/`, { body: `We will fix it ${word}`, send_at: sendAt });
  expect(reply.status).toBe(201);
  await drain();
  const mail = await rt.db.selectFrom('outbound_mails').selectAll().where('message_id', '=', reply.body.id).executeTakeFirstOrThrow();
  return { ticketId, messageId: reply.body.id as string, outboundId: mail.id, word };
}

/** What the clock does: the mail's send time (and its jobs) are now in the past. */
async function timePasses(s: { outboundId: string; messageId: string }) {
  const past = new Date(Date.now() - 1000).toISOString();
  await rt.db.updateTable('outbound_mails').set({ send_at: past }).where('id', '=', s.outboundId).execute();
  await rt.db.updateTable('scheduled_replies').set({ send_at: past }).where('message_id', '=', s.messageId).execute();
  await rt.db.updateTable('jobs').set({ run_at: past }).where('status', '=', 'pending')
    .where((eb) => eb.or([eb('unique_key', 'like', `mail.deliver:${s.outboundId}:%`), eb('unique_key', '=', publishJobKey(s.messageId))])).execute();
}

const thread = (token: string, ticketId: string) => api(app, token).get(`/tickets/api/tickets/${ticketId}/`);
const finds = async (token: string, word: string) => (await api(app, token).get(`/tickets/api/tickets/?search=${word}`)).body.results.length as number;
const eventsNamed = (name: string, subjectId: string) => rt.db.selectFrom('events').selectAll().where('name', '=', name).where('subject_id', '=', subjectId).execute();

describe('scheduling a reply', () => {
  it('waits until send_at, hidden from the customer (thread and search), then goes out once, on its own', async () => {
    const sendAt = ahead(2500);
    const s = await scheduled(sendAt);
    const job = await rt.db.selectFrom('jobs').selectAll().where('unique_key', 'like', `mail.deliver:${s.outboundId}:%`).executeTakeFirstOrThrow();
    expect(new Date(job.run_at).toISOString()).toBe(new Date(sendAt).toISOString());
    expect(sink.messages.filter((m) => m.parsed.text?.includes(s.word))).toHaveLength(0);

    const staffView = (await thread(w.agent.token, s.ticketId)).body.messages.find((m: { id: string }) => m.id === s.messageId);
    expect(staffView.delivery).toMatchObject({ status: 'scheduled', send_at: new Date(sendAt).toISOString() });
    expect((await thread(w.customer.token, s.ticketId)).body.messages.map((m: { id: string }) => m.id)).not.toContain(s.messageId);
    expect(await finds(w.customer.token, s.word)).toBe(0);
    expect(await finds(w.agent.token, s.word)).toBe(1);
    const listed = await api(app, w.agent.token).get('/tickets/api/outbound-mails/?status=scheduled');
    expect(listed.body.results.map((m: { id: string }) => m.id)).toContain(s.outboundId);

    await new Promise((r) => setTimeout(r, Date.parse(sendAt) - Date.now() + 100));
    await drain();
    await drain();
    expect(mailsTo(w.customer.user.email).filter((m) => m.parsed.text?.includes(s.word))).toHaveLength(1);
    const customerView = (await thread(w.customer.token, s.ticketId)).body.messages.find((m: { id: string }) => m.id === s.messageId);
    expect(customerView.delivery).toMatchObject({ status: 'sent', send_at: null });
    expect(await finds(w.customer.token, s.word)).toBe(1);
    await drain();
    expect(mailsTo(w.customer.user.email).filter((m) => m.parsed.text?.includes(s.word))).toHaveLength(1);
    // The live stream: message.created said "scheduled" (staff only); message.published is the customer's news.
    const events = await rt.db.selectFrom('events').select(['name', 'payload']).where('subject_id', '=', s.ticketId).where('name', 'in', ['message.created', 'message.published']).execute();
    const of = (name: string) => events.filter((e) => e.name === name && JSON.parse(e.payload).message_id === s.messageId).map((e) => JSON.parse(e.payload));
    expect(of('message.created')).toEqual([expect.objectContaining({ scheduled: true })]);
    expect(of('message.published')).toHaveLength(1);
  });

  it('takes send_at in multipart too', async () => {
    const opened = await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: 'Multipart', messages: [{ body: 'Hi' }] });
    const form = formData({ body: 'Later, with a file', send_at: ahead(HOUR) }, [{ field: 'attachments', filename: 'a.txt', contentType: 'text/plain', content: 'x' }]);
    const res = await app.inject({ method: 'POST', url: `/tickets/api/tickets/${opened.body.id}/reply/`, headers: { authorization: `Bearer ${w.agent.token}`, 'content-type': form.contentType }, payload: form.payload });
    expect(res.statusCode).toBe(201);
    const row = await rt.db.selectFrom('scheduled_replies').selectAll().where('message_id', '=', res.json().id).executeTakeFirst();
    expect(row?.published_at).toBeNull();
    // Its file is the customer's only once the reply is published: before, the same 404 as a missing one.
    const file = await rt.db.selectFrom('attachments').select('id').where('message_id', '=', res.json().id).executeTakeFirstOrThrow();
    const download = (token: string) => app.inject({ method: 'GET', url: `/tickets/api/attachments/${file.id}/`, headers: { authorization: `Bearer ${token}` } });
    expect((await download(w.customer.token)).statusCode).toBe(404);
    expect((await download(w.agent.token)).statusCode).toBe(200);
    await rt.db.updateTable('scheduled_replies').set({ published_at: new Date().toISOString() }).where('message_id', '=', res.json().id).execute();
    expect((await download(w.customer.token)).statusCode).toBe(200);
  });

  it.each([
    ['not a date', 'agent', 'reply'], ['2026-12-24T09:00:00', 'agent', 'reply'], [new Date(Date.now() - 60_000).toISOString(), 'agent', 'reply'],
    [ahead(400 * 24 * HOUR), 'agent', 'reply'], [ahead(HOUR), 'agent', 'note'], [ahead(HOUR), 'customer', 'reply'],
  ] as const)('refuses send_at %s from a %s (%s) with 422 and changes nothing', async (sendAt, who, type) => {
    const opened = await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: 'Bad', messages: [{ body: 'Hi' }] });
    const before = await rt.db.selectFrom('messages').select('id').where('ticket_id', '=', opened.body.id).execute();
    const res = await api(app, w[who].token).post(`/tickets/api/tickets/${opened.body.id}/reply/`, { body: 'x', send_at: sendAt, message_type: type });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors[0].field).toBe('send_at');
    expect(await rt.db.selectFrom('messages').select('id').where('ticket_id', '=', opened.body.id).execute()).toHaveLength(before.length);
  });
});

describe('parley mail send-due (cron)', () => {
  it('sends a scheduled reply whose time has come even when its job waits for later', async () => {
    const s = await scheduled();
    await timePasses(s);
    // Its job was put off (no transport for a while, say): send-due does not wait for it.
    await rt.db.updateTable('jobs').set({ run_at: ahead(HOUR) }).where('unique_key', 'like', `mail.deliver:${s.outboundId}:%`).execute();
    const summary = await sendDueMail(rt);
    expect(summary).toMatchObject({ due: 1, sent: 1 });
    expect(sink.messages.filter((m) => m.parsed.text?.includes(s.word))).toHaveLength(1);
    expect((await thread(w.customer.token, s.ticketId)).body.messages.map((m: { id: string }) => m.id)).toContain(s.messageId);
  });
});

describe('changing and cancelling a scheduled reply', () => {
  it('moves send_at and its jobs (agent who wrote it), with an audit event; others cannot', async () => {
    const s = await scheduled();
    const url = `/tickets/api/outbound-mails/${s.outboundId}/`;
    const later = ahead(2 * HOUR);
    expect((await api(app).patch(url, { send_at: later })).status).toBe(401);
    expect((await api(app, w.customer.token).patch(url, { send_at: later })).status).toBe(403);
    expect((await api(app, w.restrictedAgent.token).patch(url, { send_at: later })).status).toBe(404);
    expect((await api(app, w.otherAdmin.token).patch(url, { send_at: later })).status).toBe(404);
    expect((await api(app, w.agent.token).patch(url, { send_at: 'tomorrow' })).status).toBe(422);
    const ok = await api(app, w.agent.token).patch(url, { send_at: later });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'scheduled', send_at: new Date(later).toISOString() });
    const jobs = await rt.db.selectFrom('jobs').select(['run_at', 'unique_key']).where('status', '=', 'pending')
      .where((eb) => eb.or([eb('unique_key', 'like', `mail.deliver:${s.outboundId}:%`), eb('unique_key', '=', publishJobKey(s.messageId))])).execute();
    expect(jobs.map((j) => new Date(j.run_at).toISOString())).toEqual([new Date(later).toISOString(), new Date(later).toISOString()]);
    const [event] = await eventsNamed('outbound_mail.rescheduled', s.outboundId);
    expect(event).toMatchObject({ actor_id: w.agent.user.id });
    expect(JSON.parse(event!.payload)).toMatchObject({ new_send_at: new Date(later).toISOString() });
  });

  it('cancels (the agent who wrote it): nothing is sent, the customer never sees it, staff see it cancelled', async () => {
    const s = await scheduled();
    expect((await api(app, w.restrictedAgent.token).post(`/tickets/api/outbound-mails/${s.outboundId}/cancel/`)).status).toBe(404);
    const res = await api(app, w.agent.token).post(`/tickets/api/outbound-mails/${s.outboundId}/cancel/`);
    expect(res.body).toMatchObject({ status: 'cancelled' });
    await timePasses(s);
    await drain();
    expect(sink.messages.filter((m) => m.parsed.text?.includes(s.word))).toHaveLength(0);
    expect((await thread(w.customer.token, s.ticketId)).body.messages.map((m: { id: string }) => m.id)).not.toContain(s.messageId);
    expect(await finds(w.customer.token, s.word)).toBe(0);
    const staffView = (await thread(w.agent.token, s.ticketId)).body.messages.find((m: { id: string }) => m.id === s.messageId);
    expect(staffView.delivery.status).toBe('cancelled');
    expect(await eventsNamed('outbound_mail.cancelled', s.outboundId)).toMatchObject([{ actor_id: w.agent.user.id }]);
    expect(await eventsNamed('message.schedule_cancelled', s.ticketId)).toHaveLength(1);
  });

  it('answers 409 to a change or a cancel once it was sent', async () => {
    const s = await scheduled();
    await timePasses(s);
    await drain();
    expect(mailsTo(w.customer.user.email).filter((m) => m.parsed.text?.includes(s.word))).toHaveLength(1);
    const patch = await api(app, w.agent.token).patch(`/tickets/api/outbound-mails/${s.outboundId}/`, { send_at: ahead(HOUR) });
    expect(patch.status).toBe(409);
    expect((await api(app, w.agent.token).post(`/tickets/api/outbound-mails/${s.outboundId}/cancel/`)).status).toBe(409);
    expect((await api(app, w.admin.token).get(`/tickets/api/outbound-mails/${s.outboundId}/`)).body.status).toBe('sent');
  });

  it('goes at most once when send_at moves while a worker holds its job', async () => {
    const s = await scheduled();
    const deliverJob = (await rt.db.selectFrom('jobs').select('id').where('unique_key', 'like', `mail.deliver:${s.outboundId}:%`).executeTakeFirstOrThrow()).id;
    // A worker holds the job right now: the change is refused, not raced.
    await rt.db.updateTable('jobs').set({ status: 'running', locked_by: 'elsewhere', locked_until: ahead(60_000) }).where('id', '=', deliverJob).execute();
    const busy = await api(app, w.agent.token).patch(`/tickets/api/outbound-mails/${s.outboundId}/`, { send_at: ahead(2 * HOUR) });
    expect(busy.status).toBe(409);
    const row = await rt.db.selectFrom('outbound_mails').select('send_at').where('id', '=', s.outboundId).executeTakeFirstOrThrow();
    expect(new Date(row.send_at).getTime()).toBeLessThan(Date.now() + 1.5 * HOUR);
    await rt.db.updateTable('jobs').set({ status: 'pending', locked_by: null, locked_until: null }).where('id', '=', deliverJob).execute();
    // A job that runs early finds the new time and waits; at the time, one mail.
    expect((await api(app, w.agent.token).patch(`/tickets/api/outbound-mails/${s.outboundId}/`, { send_at: ahead(2 * HOUR) })).status).toBe(200);
    await rt.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', deliverJob).execute();
    await drain();
    expect(sink.messages.filter((m) => m.parsed.text?.includes(s.word))).toHaveLength(0);
    await timePasses(s);
    await drain();
    await drain();
    expect(sink.messages.filter((m) => m.parsed.text?.includes(s.word))).toHaveLength(1);
  });
});

describe('an agent who can no longer see the ticket', () => {
  it('neither lists nor reaches their scheduled reply once the ticket moved out of their departments', async () => {
    const dana = await createUser(rt.systemCtx(w.tenantId), { email: 'dana@example.com', name: 'Dana Desk', role: 'agent', departmentIds: [1], restrictedToDepartments: true });
    const token = await accessTokenFor(rt, dana);
    const opened = await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: 'Moving', messages: [{ body: 'Hi' }] });
    const reply = await api(app, token).post(`/tickets/api/tickets/${opened.body.id}/reply/`, { body: 'Later', send_at: ahead(HOUR) });
    expect(reply.status).toBe(201);
    await drain();
    const mine = async () => (await api(app, token).get('/tickets/api/outbound-mails/?status=scheduled')).body.results.map((m: { message_id: string }) => m.message_id);
    expect(await mine()).toEqual([reply.body.id]);
    expect((await api(app, w.admin.token).patch(`/tickets/api/tickets/${opened.body.id}/`, { department: w.salesDepartmentId })).status).toBe(200);
    expect(await mine()).toEqual([]);
    const outbound = await rt.db.selectFrom('outbound_mails').select('id').where('message_id', '=', reply.body.id).executeTakeFirstOrThrow();
    expect((await api(app, token).get(`/tickets/api/outbound-mails/${outbound.id}/`)).status).toBe(404);
    expect((await api(app, w.admin.token).get(`/tickets/api/outbound-mails/${outbound.id}/`)).body.status).toBe('scheduled');
  });
});

describe('the customer writes first', () => {
  it('through the API: the scheduled reply is cancelled by Parley, with an internal line and an event for its author', async () => {
    const s = await scheduled();
    const answer = await api(app, w.customer.token).post(`/tickets/api/tickets/${s.ticketId}/reply/`, { body: 'Never mind, it works' });
    expect(answer.status).toBe(201);
    await drain();
    expect((await rt.db.selectFrom('outbound_mails').select('status').where('id', '=', s.outboundId).executeTakeFirstOrThrow()).status).toBe('cancelled');
    const [event] = await eventsNamed('message.schedule_cancelled', s.ticketId);
    expect(event).toMatchObject({ actor_id: null, source: 'job' });
    expect(JSON.parse(event!.payload)).toMatchObject({ message_id: s.messageId, author_id: w.agent.user.id, outbound_id: s.outboundId });
    const staff = (await thread(w.agent.token, s.ticketId)).body.messages;
    expect(staff.at(-1)).toMatchObject({ message_type: 'note', channel: 'system' });
    expect(staff.at(-1).body).toContain('the customer wrote before it was sent');
    const customer = (await thread(w.customer.token, s.ticketId)).body.messages;
    expect(customer.map((m: { id: string }) => m.id)).not.toContain(s.messageId);
    expect(customer.some((m: { body: string }) => m.body.includes('scheduled'))).toBe(false);
    await timePasses(s);
    await drain();
    expect(sink.messages.filter((m) => m.parsed.text?.includes(s.word))).toHaveLength(0);
  });

  it('through the inbound pipeline (a mail answering our confirmation)', async () => {
    const s = await scheduled();
    const confirmation = mailsTo(w.customer.user.email).find((m) => m.parsed.subject?.includes(`Scheduled ${seq}`));
    expect(confirmation).toBeDefined();
    const back = await deliver(rt, eml({
      from: `Carla Customer <${w.customer.user.email}>`, to: QUEUE, subject: `Re: ${confirmation!.parsed.subject}`,
      body: 'Actually, one more thing.', inReplyTo: confirmation!.parsed.messageId!, references: confirmation!.parsed.messageId!,
    }));
    expect(back.ticket_id).toBe(s.ticketId);
    await drain();
    expect((await rt.db.selectFrom('outbound_mails').select('status').where('id', '=', s.outboundId).executeTakeFirstOrThrow()).status).toBe('cancelled');
    expect(await eventsNamed('message.schedule_cancelled', s.ticketId)).toHaveLength(1);
  });

  it('leaves a reply scheduled after the customer wrote, and staff replies cancel nothing', async () => {
    const s = await scheduled();
    await api(app, w.admin.token).post(`/tickets/api/tickets/${s.ticketId}/reply/`, { body: 'Adding a colleague' });
    await drain();
    expect((await rt.db.selectFrom('outbound_mails').select('status').where('id', '=', s.outboundId).executeTakeFirstOrThrow()).status).toBe('queued');
  });
});

describe('outbox actions are audited', () => {
  it('records retry and release with the admin who did them', async () => {
    const s = await scheduled();
    await rt.db.updateTable('outbound_mails').set({ status: 'failed' }).where('id', '=', s.outboundId).execute();
    expect((await api(app, w.admin.token).post(`/tickets/api/outbound-mails/${s.outboundId}/retry/`)).status).toBe(200);
    await rt.db.updateTable('outbound_mails').set({ status: 'held' }).where('id', '=', s.outboundId).execute();
    expect((await api(app, w.agent.token).post(`/tickets/api/outbound-mails/${s.outboundId}/release/`)).status).toBe(403);
    expect((await api(app, w.admin.token).post(`/tickets/api/outbound-mails/${s.outboundId}/release/`)).status).toBe(200);
    expect(await eventsNamed('outbound_mail.retried', s.outboundId)).toMatchObject([{ actor_id: w.admin.user.id }]);
    expect(await eventsNamed('outbound_mail.released', s.outboundId)).toMatchObject([{ actor_id: w.admin.user.id }]);
  });
});

describe('along the way', () => {
  it('no job failed or is waiting on an error (publish, cancel and notify tasks included)', async () => {
    await drain();
    const troubled = await rt.db.selectFrom('jobs').select(['name', 'status', 'last_error']).where('last_error', 'is not', null).execute();
    expect(troubled.filter((j) => !/scheduled for later/.test(j.last_error ?? ''))).toEqual([]);
  });
});
