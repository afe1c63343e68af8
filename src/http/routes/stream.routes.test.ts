/**
 * The live stream over real HTTP, read as it arrives: events reach a stream after their
 * transaction commits (never before, never on rollback), filtered by the API's
 * visibility rules; Last-Event-ID resumes exactly after the given id; limits, heartbeats
 * and disconnects behave. Runs on SQLite and PostgreSQL.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../domain/auth/api-tokens.ts';
import { createSession } from '../../domain/auth/sessions.repo.ts';
import { recordEvent } from '../../domain/events/record-event.ts';
import { inTransaction } from '../../domain/shared/transaction.ts';
import { loadActor } from '../../domain/users/load-actor.ts';
import { findUserById } from '../../domain/users/users.repo.ts';
import { SESSION_COOKIE } from '../plugins/auth.ts';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import { dataOf, openSse, type SseStream } from '../../../test/helpers/sse-client.ts';

const t = await startApiTest();
const { w } = t;
let base = '';
const open: SseStream[] = [];

beforeAll(async () => {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of open) s.close();
  await stopApiTest(t);
});

const STREAM = '/tickets/api/stream/';
async function stream(token: string | null, headers: Record<string, string> = {}, query = ''): Promise<SseStream> {
  const s = await openSse(`${base}${STREAM}${query}`, { ...(token && { authorization: `Bearer ${token}` }), ...headers });
  open.push(s);
  if (s.status === 200) await s.waitFor((f) => f.event === 'ready');
  else await s.ended;
  return s;
}
const actorOf = async (id: string) => loadActor(t.t.rt.db, (await findUserById(t.t.rt.db, w.tenantId, id))!);
const ticketEvents = (s: SseStream, ticketId: string) => s.frames.filter((f) => f.data && dataOf(f).ticket_id === ticketId);

async function newTicket(token: string, body = 'It burns'): Promise<string> {
  const res = await api(t.app, token).post('/tickets/api/tickets/', { subject: 'Printer on fire', messages: [{ body }] });
  expect(res.status, res.raw).toBe(201);
  return res.body.id as string;
}

/** Lets every announced event reach the streams, and the sockets carry it. */
async function settle(): Promise<void> {
  await t.t.rt.live.settled();
  await new Promise((r) => setTimeout(r, 50));
}

describe('GET /tickets/api/stream/', () => {
  it('answers 401 problem+json without credentials, and 422 to a Last-Event-ID that is not an event id', async () => {
    const anon = await stream(null);
    expect(anon.status).toBe(401);
    expect(anon.headers.get('content-type')).toContain('application/problem+json');
    const bad = await stream(w.agent.token, { 'last-event-id': 'abc' });
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.text()).errors[0].field).toBe('Last-Event-ID');
    const badQuery = await stream(w.agent.token, {}, '?last_event_id=-1');
    expect(badQuery.status).toBe(422);
  });

  it('streams text/event-stream with a retry hint and a ready event carrying the current id', async () => {
    const s = await stream(w.agent.token);
    expect(s.status).toBe(200);
    expect(s.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(s.headers.get('cache-control')).toContain('no-cache');
    expect(s.frames[0].retry).toBeGreaterThan(0);
    const ready = await s.waitFor((f) => f.event === 'ready');
    expect(Number(ready.id)).toBe(dataOf(ready).last_event_id);
    // Open, it does not count as a request in flight: once the moment after a request has
    // passed (foreground.ts), the job worker beside it does not hold back.
    await new Promise((r) => setTimeout(r, t.t.rt.foreground.lingerMs + 50));
    expect(t.t.rt.foreground.busy).toBe(false);
    s.close();
  });

  it('delivers a reply made through the API to the agent and the requester, after the commit', async () => {
    const agent = await stream(w.agent.token);
    const customer = await stream(w.customer.token);
    const ticketId = await newTicket(w.customer.token);
    await api(t.app, w.agent.token).post(`/tickets/api/tickets/${ticketId}/reply/`, { body: 'We are on it' });
    for (const s of [agent, customer]) {
      const created = await s.waitFor((f) => f.event === 'ticket.created' && dataOf(f).ticket_id === ticketId);
      expect(dataOf(created).number).toMatch(/^TK-\d+$/);
      const reply = await s.waitFor((f) => f.event === 'message.created' && dataOf(f).ticket_id === ticketId);
      expect(Number(reply.id)).toBeGreaterThan(Number(created.id));
      expect(reply.data).not.toContain('We are on it');
    }
    agent.close();
    customer.close();
  });

  it('sends nothing while the transaction is open, and nothing at all when it rolls back', async () => {
    const s = await stream(w.admin.token);
    const ctx = t.t.rt.systemCtx(w.tenantId);
    let seenInside = -1;
    await inTransaction(ctx, async (tx) => {
      await recordEvent(tx, { name: 'tag.deleted', subjectType: 'tag', subjectId: 'committed', payload: { name: 'committed' } });
      await new Promise((r) => setTimeout(r, 100));
      seenInside = s.frames.filter((f) => f.event === 'tag.deleted').length;
    });
    expect(seenInside).toBe(0);
    await s.waitFor((f) => f.event === 'tag.deleted' && dataOf(f).subject_id === 'committed');
    await expect(inTransaction(ctx, async (tx) => {
      await recordEvent(tx, { name: 'tag.deleted', subjectType: 'tag', subjectId: 'rolled-back', payload: { name: 'rolled-back' } });
      throw new Error('boom');
    })).rejects.toThrow('boom');
    await recordEvent(ctx, { name: 'tag.deleted', subjectType: 'tag', subjectId: 'after', payload: { name: 'after' } });
    await s.waitFor((f) => f.event === 'tag.deleted' && dataOf(f).subject_id === 'after');
    expect(s.frames.filter((f) => f.data?.includes('rolled-back'))).toEqual([]);
    s.close();
  });

  it('never sends a customer a note, another customer\'s ticket, or an admin event; another tenant gets nothing', async () => {
    const customer = await stream(w.customer.token);
    const stranger = await stream(w.stranger.token);
    const restricted = await stream(w.restrictedAgent.token);
    const otherAdmin = await stream(w.otherAdmin.token);
    const otherCustomer = await stream(w.otherCustomer.token);
    const admin = await stream(w.admin.token);
    const ticketId = await newTicket(w.customer.token);
    const staff = api(t.app, w.agent.token);
    expect((await staff.post(`/tickets/api/tickets/${ticketId}/notes/`, { body: 'internal: refund denied' })).status).toBe(201);
    expect((await staff.patch(`/tickets/api/tickets/${ticketId}/`, { priority: 'high' })).status).toBe(200);
    expect((await staff.post(`/tickets/api/tickets/${ticketId}/reply/`, { body: 'public answer' })).status).toBe(201);
    expect((await api(t.app, w.admin.token).patch('/tickets/api/settings/', { assignment_strategy: 'manual' })).status).toBe(200);
    await settle();
    const replyOf = (s: SseStream) => s.waitFor((f) => f.event === 'message.created' && dataOf(f).ticket_id === ticketId && dataOf(f).message_type !== 'note');
    await replyOf(customer);
    await replyOf(admin);
    await admin.waitFor((f) => f.event === 'settings.updated');
    // The staff see the note; the requester does not.
    expect(ticketEvents(admin, ticketId).some((f) => f.event === 'note.created' || dataOf(f).message_type === 'note')).toBe(true);
    expect(ticketEvents(customer, ticketId).some((f) => f.event === 'note.created' || dataOf(f).message_type === 'note')).toBe(false);
    expect(customer.frames.some((f) => f.event === 'settings.updated')).toBe(false);
    for (const s of [stranger, restricted, otherAdmin, otherCustomer]) expect(ticketEvents(s, ticketId)).toEqual([]);
    for (const s of [otherAdmin, otherCustomer]) expect(s.frames.filter((f) => f.data && f.event !== 'ready')).toEqual([]);
    for (const s of [customer, stranger, restricted, otherAdmin, otherCustomer, admin]) s.close();
  });

  it('resumes exactly after Last-Event-ID (header or query), and resets when too much was missed', async () => {
    const ticketId = await newTicket(w.customer.token);
    const staff = api(t.app, w.agent.token);
    for (const body of ['one', 'two', 'three']) await staff.post(`/tickets/api/tickets/${ticketId}/reply/`, { body });
    // Every event of this ticket is one the requester may see (no notes).
    const rows = await t.t.rt.db.selectFrom('events').select(['id', 'name']).where('tenant_id', '=', w.tenantId)
      .where('subject_id', '=', ticketId).orderBy('id').execute();
    const ids = rows.map((r) => Number(r.id));
    expect(ids.length).toBeGreaterThanOrEqual(4);
    const from = ids.at(-3)!;
    const after = (id: number) => ids.filter((x) => x > id);
    const byHeader = await stream(w.customer.token, { 'last-event-id': String(from) });
    expect(ticketEvents(byHeader, ticketId).map((f) => Number(f.id))).toEqual(after(from));
    // A reconnecting EventSource repeats its URL: the header, being newer, wins over the query.
    const both = await stream(w.customer.token, { 'last-event-id': String(ids.at(-2)) }, `?last_event_id=${from}`);
    expect(ticketEvents(both, ticketId).map((f) => Number(f.id))).toEqual(after(ids.at(-2)!));
    const byQuery = await stream(w.customer.token, {}, `?last_event_id=${from}`);
    expect(ticketEvents(byQuery, ticketId).map((f) => Number(f.id))).toEqual(after(from));

    t.t.rt.live.configure({ maxReplay: 2 });
    try {
      const far = await stream(w.customer.token, { 'last-event-id': String(ids[0] - 1) });
      const reset = far.frames.find((f) => f.event === 'reset');
      expect(reset && dataOf(reset).reason).toBe('too_many_missed');
      expect(ticketEvents(far, ticketId)).toEqual([]);
      const future = await stream(w.customer.token, { 'last-event-id': '999999999' });
      expect(future.frames.some((f) => f.event === 'reset')).toBe(true);
    } finally {
      t.t.rt.live.configure({ maxReplay: 500 });
    }
    for (const s of open) s.close();
  });

  it('sends heartbeats that move the cursor past events the reader may not see', async () => {
    const s = await stream(w.stranger.token);
    t.t.rt.live.configure({ heartbeatMs: 60 });
    try {
      await newTicket(w.customer.token);
      await settle();
      const beat = await s.waitFor((f) => f.comments.includes('ping') && f.id !== undefined);
      expect(Number(beat.id)).toBeGreaterThan(dataOf(s.frames.find((f) => f.event === 'ready')!).last_event_id);
    } finally {
      t.t.rt.live.configure({ heartbeatMs: 25_000 });
    }
    s.close();
  });

  it('counts streams, refuses past the limits with 429 and 503 problem+json, and forgets a stream when the client goes', async () => {
    await new Promise((r) => setTimeout(r, 100));
    const before = t.t.rt.live.streamCount;
    t.t.rt.live.configure({ maxStreamsPerUser: 1 });
    try {
      const first = await stream(w.colleague.token);
      expect(t.t.rt.live.streamCount).toBe(before + 1);
      const second = await stream(w.colleague.token);
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBeTruthy();
      t.t.rt.live.configure({ maxStreamsPerUser: 8, maxStreams: before + 1 });
      const third = await stream(w.agent.token);
      expect(third.status).toBe(503);
      expect(third.headers.get('content-type')).toContain('application/problem+json');
      first.close();
      for (let i = 0; i < 50 && t.t.rt.live.streamCount > before; i++) await new Promise((r) => setTimeout(r, 20));
      expect(t.t.rt.live.streamCount).toBe(before);
    } finally {
      t.t.rt.live.configure({ maxStreamsPerUser: 8, maxStreams: 2000 });
    }
  });

  it('authenticates an EventSource by its session cookie, and an integration by its API token', async () => {
    const session = await createSession(t.t.rt.db, w.tenantId, w.customer.user.id, 3600);
    const byCookie = await stream(null, { cookie: `${SESSION_COOKIE}=${session.id}` });
    expect(byCookie.status).toBe(200);
    const token = await createApiToken(t.t.rt.ctx(w.tenantId, await actorOf(w.agent.user.id), 'api'), { name: 'live', scopes: ['read'] });
    const byToken = await stream(token.token);
    expect(byToken.status).toBe(200);
    const ticketId = await newTicket(w.customer.token);
    await byCookie.waitFor((f) => f.event === 'ticket.created' && dataOf(f).ticket_id === ticketId);
    await byToken.waitFor((f) => f.event === 'ticket.created' && dataOf(f).ticket_id === ticketId);
    byCookie.close();
    byToken.close();
    const forged = await stream(null, { cookie: `${SESSION_COOKIE}=not-a-session` });
    expect(forged.status).toBe(401);
  });
});
