/**
 * Two runtimes on one database, as two instances behind a load balancer. On PostgreSQL an
 * event committed by one reaches a stream served by the other through NOTIFY, and the
 * LISTEN connection, killed from another session, reconnects by itself and catches up
 * what was committed while it was gone. On SQLite (a `parley worker` beside `serve` on
 * one file) the other process's events arrive by polling the log.
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { api } from '../../test/helpers/api.ts';
import { startApiTest, stopApiTest, type ApiTest } from '../../test/helpers/api-test.ts';
import { dataOf, openSse, type SseStream } from '../../test/helpers/sse-client.ts';
import { testDialect } from '../../test/helpers/test-runtime.ts';
import type { FastifyInstance } from 'fastify';

const pg = testDialect === 'postgres';

describe(`live updates across instances (${testDialect})`, () => {
  let one: ApiTest;
  let two: Runtime;
  let app2: FastifyInstance;
  let base2 = '';
  const logs: string[] = [];
  const streams: SseStream[] = [];

  beforeAll(async () => {
    one = await startApiTest();
    two = await createRuntime(one.t.config, { migrate: false, log: (level, msg) => logs.push(`${level} ${msg}`) });
    // On PostgreSQL no poll during these tests: only NOTIFY and the reconnect catch-up can
    // deliver. On SQLite polling is the way across processes.
    two.live.configure(pg ? { pollMs: 10 * 60_000, reconnectMs: 1500, maxReconnectMs: 3000 } : { pollMs: 200 });
    app2 = await buildApp(two);
    await app2.listen({ port: 0, host: '127.0.0.1' });
    base2 = `http://127.0.0.1:${(app2.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await app2?.close();
    await two?.close();
    await stopApiTest(one);
  });

  async function streamOnTwo(token: string): Promise<SseStream> {
    const s = await openSse(`${base2}/tickets/api/stream/`, { authorization: `Bearer ${token}` });
    streams.push(s);
    await s.waitFor((f) => f.event === 'ready');
    return s;
  }
  const newTicketOnOne = async (token: string) => {
    const res = await api(one.app, token).post('/tickets/api/tickets/', { subject: 'From instance one', messages: [{ body: 'hello' }] });
    expect(res.status, res.raw).toBe(201);
    return res.body.id as string;
  };
  const listenerPids = async () => (await sql<{ pid: number }>`select pid from pg_stat_activity
    where datname = current_database() and query like 'LISTEN%'`.execute(one.t.rt.db)).rows.map((r) => r.pid);

  it('delivers an event committed on one instance to a stream on the other', async () => {
    const s = await streamOnTwo(one.w.agent.token);
    for (let i = 0; pg && i < 100 && !two.live.listening; i++) await new Promise((r) => setTimeout(r, 20));
    const ticketId = await newTicketOnOne(one.w.customer.token);
    const f = await s.waitFor((x) => x.event === 'ticket.created' && dataOf(x).ticket_id === ticketId);
    expect(dataOf(f).number).toMatch(/^TK-/);
    // The other tenant's stream on the second instance hears nothing of it.
    const other = await streamOnTwo(one.w.otherAdmin.token);
    await newTicketOnOne(one.w.customer.token);
    await new Promise((r) => setTimeout(r, 300));
    expect(other.frames.filter((x) => x.data && x.event !== 'ready')).toEqual([]);
  });

  // LISTEN exists on PostgreSQL only; defined (not skipped) there alone.
  if (pg) it('reconnects after its connection is killed and catches up what it missed', async () => {
    const s = await streamOnTwo(one.w.agent.token);
    for (let i = 0; i < 100 && !two.live.listening; i++) await new Promise((r) => setTimeout(r, 20));
    const [pid] = await listenerPids();
    expect(pid).toBeDefined();
    await sql`select pg_terminate_backend(${pid})`.execute(one.t.rt.db);
    for (let i = 0; i < 100 && two.live.listening; i++) await new Promise((r) => setTimeout(r, 10));
    expect(two.live.listening).toBe(false);
    // Committed while nobody listens: its NOTIFY is lost; only the catch-up can bring it.
    const missed = await newTicketOnOne(one.w.customer.token);
    expect(two.live.listening).toBe(false);
    await s.waitFor((x) => x.event === 'ticket.created' && dataOf(x).ticket_id === missed, 10_000);
    expect(two.live.listening).toBe(true);
    const pids = await listenerPids();
    expect(pids).not.toContain(pid);
    expect(logs.some((l) => l.includes('listener connection lost'))).toBe(true);
    // And it hears new events again through NOTIFY.
    const later = await newTicketOnOne(one.w.customer.token);
    await s.waitFor((x) => x.event === 'ticket.created' && dataOf(x).ticket_id === later);
  });
});
