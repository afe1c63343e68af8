/**
 * In-app notifications end to end, through the real worker, outbox and an SMTP sink: which
 * kinds reach whom (assign, transfer, @mention, customer reply, new ticket, resolution),
 * preferences that turn mail off but keep the in-app row, a retried job that tells nobody
 * twice, the routes (own only, other tenant, visibility), and the push on the live stream
 * to the recipient alone. Runs on SQLite and PostgreSQL.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { dataOf, openSse, type SseStream } from '../../../test/helpers/sse-client.ts';
import { startSmtpSink, type SmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type Person, type World } from '../../../test/helpers/world.ts';
import { updateDepartment } from '../departments/update-department.ts';
import { updateSettings } from '../settings/update-settings.ts';
import { buildApp } from '../../http/app.ts';
import { insertJobs } from '../../jobs/jobs.repo.ts';
import type { Runtime } from '../../runtime.ts';

let sink: SmtpSink;
let t: TestRuntime;
let rt: Runtime;
let app: FastifyInstance;
let w: World;
let seen = 0;

const drain = async () => { while ((await rt.worker.runOnce()) > 0) { /* drain */ } };
/** Recipients of the mails sent since the last call, sorted. */
const mailedTo = () => {
  const out = sink.messages.slice(seen).map((m) => m.envelope.to.join(','));
  seen = sink.messages.length;
  return out.sort();
};
const list = async (p: Person, query = '') => {
  const r = await api(app, p.token).get(`/tickets/api/notifications/${query}`);
  expect(r.status, r.raw).toBe(200);
  return r.body as { results: Array<{ id: string; kind: string; ticket: { id: string; number: string } | null; actor: { id: string; name: string } | null; read_at: string | null }>; next_cursor: string | null; unread_count: number };
};
const about = async (p: Person, ticketId: string) => (await list(p, '?limit=200')).results.filter((n) => n.ticket?.id === ticketId);

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestRuntime({ SMTP_URL: sink.url, PARLEY_BASE_URL: 'https://help.example' });
  rt = t.rt;
  app = await buildApp(rt);
  w = await buildWorld(rt);
  const system = rt.systemCtx(w.tenantId);
  await updateDepartment(system, 1, { addresses: ['soporte@example.com'] });
  await updateSettings(system, { mail_send_threshold: 1000 });
  await drain();
});
beforeEach(async () => { await drain(); mailedTo(); });
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
  await sink?.close();
});

async function customerTicket(subject = 'Cannot log in') {
  const r = await api(app, w.customer.token).post('/tickets/api/tickets/', { subject, messages: [{ body: 'It says my password is wrong.' }] });
  expect(r.status, r.raw).toBe(201);
  await drain();
  mailedTo();
  return r.body as { id: string; number: string };
}
const putPreferences = async (p: Person, body: unknown) => {
  const r = await app.inject({ method: 'PUT', url: '/tickets/api/me/notification-preferences/', headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  return { status: r.statusCode, raw: r.body, headers: r.headers, body: JSON.parse(r.body) };
};
const patch = async (p: Person, id: string, body: unknown) => expect((await api(app, p.token).patch(`/tickets/api/tickets/${id}/`, body)).status).toBe(200);
const write = async (p: Person, id: string, body: string, type: 'reply' | 'note' = 'reply') =>
  expect((await api(app, p.token).post(`/tickets/api/tickets/${id}/reply/`, { body, message_type: type })).status).toBe(201);

describe('who is told, in-app and by mail', () => {
  it('a new ticket and a customer reply: the department agent, in-app and by mail; never the customer', async () => {
    const before = (await list(w.agent)).unread_count;
    const r = await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: 'New one', messages: [{ body: 'Help' }] });
    await drain();
    expect(mailedTo()).toEqual(['agent@example.com', 'carla@acme.example']);
    const ticket = r.body as { id: string; number: string };
    const [n] = await about(w.agent, ticket.id);
    expect(n).toMatchObject({ kind: 'new_ticket', ticket: { id: ticket.id, number: ticket.number }, actor: { id: w.customer.user.id }, read_at: null });
    expect((await list(w.agent)).unread_count).toBe(before + 1);
    expect(await about(w.customer, ticket.id)).toEqual([]);
    await write(w.customer, ticket.id, 'Any news?');
    await drain();
    expect(mailedTo()).toEqual(['agent@example.com']);
    expect((await about(w.agent, ticket.id)).map((x) => x.kind)).toEqual(['customer_reply', 'new_ticket']);
  });

  it('assignment and transfer: the agent concerned; not the one who did it; resolution: the requester', async () => {
    const ticket = await customerTicket();
    await patch(w.admin, ticket.id, { assignee: w.agent.user.id });
    await drain();
    expect(mailedTo()).toEqual(['agent@example.com']);
    expect((await about(w.agent, ticket.id))[0]).toMatchObject({ kind: 'assigned', actor: { id: w.admin.user.id, name: 'Ada Admin' } });
    await patch(w.admin, ticket.id, { department: w.salesDepartmentId });
    await drain();
    expect(mailedTo()).toEqual(['sales@example.com']);
    expect((await about(w.restrictedAgent, ticket.id)).map((x) => x.kind)).toEqual(['transferred']);
    expect(await about(w.admin, ticket.id)).toEqual([]);
    await patch(w.admin, ticket.id, { status: 'resolved' });
    await drain();
    expect(mailedTo()).toEqual(['carla@acme.example']);
    expect((await about(w.customer, ticket.id)).map((x) => x.kind)).toEqual(['resolved']);
  });

  it('@mentions in a note: the agent named, if they can see the ticket; nobody for customers, unknown names or public replies', async () => {
    const ticket = await customerTicket();
    await write(w.admin, ticket.id, 'Hey @alex, look at this. Also @sam, @Carla, @nobody and mail ana@alex.example.', 'note');
    await drain();
    expect(mailedTo()).toEqual(['agent@example.com']);
    const [n] = await about(w.agent, ticket.id);
    expect(n).toMatchObject({ kind: 'mentioned', actor: { id: w.admin.user.id } });
    // Sam is mentioned (stored with the note, for the web app) but works in Sales only: not told.
    const stored = await rt.db.selectFrom('message_mentions').select('user_id').where('tenant_id', '=', w.tenantId)
      .where('message_id', 'in', rt.db.selectFrom('messages').select('id').where('ticket_id', '=', ticket.id).where('message_type', '=', 'note')).execute();
    expect(stored.map((s) => s.user_id).sort()).toEqual([w.agent.user.id, w.restrictedAgent.user.id].sort());
    expect(await about(w.restrictedAgent, ticket.id)).toEqual([]);
    await write(w.admin, ticket.id, 'Dear customer, @alex will call you.');
    await drain();
    expect(mailedTo()).toEqual(['carla@acme.example']);
    const mentions = async () => (await about(w.agent, ticket.id)).filter((x) => x.kind === 'mentioned');
    expect(await mentions()).toHaveLength(1);
    // The author mentioning themselves is not told.
    await write(w.agent, ticket.id, 'Note to self, @agent.', 'note');
    await drain();
    expect(await mentions()).toHaveLength(1);
  });

  it('a kind turned off by mail still comes in-app; a retried job tells nobody twice', async () => {
    const off = await putPreferences(w.agent, { email: { assigned: false } });
    expect(off.status, off.raw).toBe(200);
    expect(off.body.email).toMatchObject({ assigned: false, new_ticket: true, mentioned: true });
    expect((await api(app, w.agent.token).get('/tickets/api/me/notification-preferences/')).body.email.assigned).toBe(false);
    try {
      const ticket = await customerTicket();
      await patch(w.admin, ticket.id, { assignee: w.agent.user.id });
      await drain();
      expect(mailedTo()).toEqual([]);
      expect((await about(w.agent, ticket.id)).map((x) => x.kind)).toEqual(['assigned', 'new_ticket']);
      const job = await rt.db.selectFrom('jobs').selectAll().where('name', '=', 'notify.ticket_assigned').orderBy('id', 'desc').executeTakeFirstOrThrow();
      await insertJobs(rt.db, [{ tenantId: job.tenant_id, name: job.name, payload: JSON.parse(job.payload) }]);
      await drain();
      expect(await about(w.agent, ticket.id)).toHaveLength(2);
      const events = await rt.db.selectFrom('events').select('id').where('name', '=', 'notification.created').where('subject_id', '=', w.agent.user.id).execute();
      const rows = await rt.db.selectFrom('notifications').select('id').where('user_id', '=', w.agent.user.id).execute();
      expect(events.length).toBe(rows.length);
    } finally {
      await putPreferences(w.agent, { email: { assigned: true } });
    }
  });
});

describe('the routes', () => {
  it('401 without credentials, problem+json', async () => {
    for (const [method, url] of [['GET', '/tickets/api/notifications/'], ['POST', '/tickets/api/notifications/read-all/'], ['GET', '/tickets/api/me/notification-preferences/']] as const) {
      const r = await app.inject({ method, url });
      expect(r.statusCode).toBe(401);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('marks one read (own only; another user or tenant: 404), then all; lists unread and pages by cursor', async () => {
    const a = await customerTicket('First');
    const b = await customerTicket('Second');
    const mine = (await about(w.agent, b.id))[0]!;
    expect((await api(app, w.admin.token).post(`/tickets/api/notifications/${mine.id}/read/`)).status).toBe(404);
    expect((await api(app, w.otherAdmin.token).post(`/tickets/api/notifications/${mine.id}/read/`)).status).toBe(404);
    expect((await api(app, w.agent.token).post('/tickets/api/notifications/not-a-uuid/read/')).status).toBeGreaterThanOrEqual(400);
    expect((await about(w.agent, b.id))[0]!.read_at).toBeNull();
    const unread = (await list(w.agent)).unread_count;
    const read = await api(app, w.agent.token).post(`/tickets/api/notifications/${mine.id}/read/`);
    expect(read.status).toBe(200);
    expect(read.body.read_at).toEqual(expect.any(String));
    expect((await list(w.agent)).unread_count).toBe(unread - 1);
    expect((await list(w.agent, '?unread=true&limit=200')).results.map((n) => n.id)).not.toContain(mine.id);
    // Newest first, one per page, the cursor walks on.
    const p1 = await list(w.agent, '?limit=1');
    expect(p1.results[0]!.ticket?.id).toBe(b.id);
    const p2 = await list(w.agent, `?limit=1&cursor=${p1.next_cursor}`);
    expect(p2.results[0]!.ticket?.id).toBe(a.id);
    expect((await api(app, w.agent.token).get('/tickets/api/notifications/?cursor=nonsense')).status).toBe(422);
    const all = await api(app, w.agent.token).post('/tickets/api/notifications/read-all/');
    expect(all.body.updated).toBe(unread - 1);
    expect((await list(w.agent)).unread_count).toBe(0);
    expect((await list(w.otherAdmin)).results).toEqual([]);
  });

  it('refuses unknown kinds in preferences and changes nothing', async () => {
    const before = (await api(app, w.agent.token).get('/tickets/api/me/notification-preferences/')).body;
    const bad = await putPreferences(w.agent, { email: { new_ticket: false, bogus: true } });
    expect([400, 422]).toContain(bad.status);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await api(app, w.agent.token).get('/tickets/api/me/notification-preferences/')).body).toEqual(before);
  });

  it('a notification about a ticket the person can no longer see is not listed, nor can be marked', async () => {
    const ticket = await customerTicket();
    await patch(w.admin, ticket.id, { department: w.salesDepartmentId });
    await drain();
    const [n] = await about(w.restrictedAgent, ticket.id);
    expect(n!.kind).toBe('transferred');
    await patch(w.admin, ticket.id, { department: 1 });
    await drain();
    expect(await about(w.restrictedAgent, ticket.id)).toEqual([]);
    expect((await api(app, w.restrictedAgent.token).post(`/tickets/api/notifications/${n!.id}/read/`)).status).toBe(404);
  });
});

describe('the live stream', () => {
  it('pushes notification.created to the recipient alone', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const streams: SseStream[] = [];
    try {
      const open = async (p: Person) => {
        const s = await openSse(`${base}/tickets/api/stream/`, { authorization: `Bearer ${p.token}` });
        streams.push(s);
        await s.waitFor((f) => f.event === 'ready');
        return s;
      };
      const [agent, admin, other] = [await open(w.agent), await open(w.admin), await open(w.otherAdmin)];
      const ticket = await customerTicket();
      await patch(w.admin, ticket.id, { assignee: w.agent.user.id });
      await drain();
      await rt.live.settled();
      const frame = await agent.waitFor((f) => !!f.data && dataOf(f).name === 'notification.created' && dataOf(f).subject_id === w.agent.user.id);
      // What the bell needs, without a refetch: which notification, of what kind, on which ticket.
      expect(dataOf(frame)).toMatchObject({ subject_type: 'user', kind: expect.stringMatching(/^(new_ticket|assigned)$/), ticket_id: ticket.id, notification_id: expect.any(String) });
      await new Promise((r) => setTimeout(r, 100));
      for (const s of [admin, other]) expect(s.frames.some((f) => !!f.data && dataOf(f).name === 'notification.created')).toBe(false);
    } finally {
      for (const s of streams) s.close();
    }
  });
});
