/**
 * Isolation of the live stream, which the generated suite cannot read (a response that
 * never ends): over real HTTP, every actor of the security world replays the whole event
 * log and then hears one new event on every seeded ticket. Nothing of a row the actor
 * may not see reaches it (no id, no marker word), and every ticket it may read does.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyToTicket } from '../../src/domain/tickets/reply-to-ticket.ts';
import { startApiTest, stopApiTest } from '../helpers/api-test.ts';
import { ACTORS, buildSecurityWorld, type ActorName } from '../helpers/security-world.ts';
import { dataOf, openSse, type SseStream } from '../helpers/sse-client.ts';
import { routePolicy } from './route-policy.ts';

const api = await startApiTest();
const s = await buildSecurityWorld(api.t.rt, api.w);
let base = '';
const URL_PATH = '/tickets/api/stream/';

beforeAll(async () => {
  api.t.rt.live.configure({ maxReplay: 100_000 });
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
});
afterAll(() => stopApiTest(api));

describe('GET /tickets/api/stream/ isolation', () => {
  it('is marked in the route policy table as covered here', () => {
    expect(routePolicy[`GET ${URL_PATH}`]?.streaming).toBe('test/security/stream-isolation.test.ts');
  });

  it('refuses an anonymous caller with 401 problem+json', async () => {
    const res = await fetch(`${base}${URL_PATH}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sends every actor the events of what it may see, and nothing of anything else', async () => {
    const actors = ACTORS.filter((a): a is Exclude<ActorName, 'anonymous'> => a !== 'anonymous');
    const streams = new Map<ActorName, SseStream>();
    for (const a of actors) {
      const st = await openSse(`${base}${URL_PATH}?last_event_id=0`, { authorization: `Bearer ${s.token(a)}` });
      expect(st.status).toBe(200);
      await st.waitFor((f) => f.event === 'ready');
      streams.set(a, st);
    }
    // Live: a new reply on every seeded ticket, by the system, after the streams are open.
    const tickets = s.rows.filter((r) => r.kind === 'ticket');
    for (const t of tickets) {
      const tenantId = s.tenantId(t.tenant);
      await replyToTicket(api.t.rt.ctx(tenantId, await s.actor(t.tenant === 'A' ? 'admin' : 'otherAdmin'), 'api'), String(t.id), { body: 'live ping', messageType: 'reply', channel: 'api' });
    }
    await api.t.rt.live.settled();
    const failures: string[] = [];
    for (const a of actors) {
      const st = streams.get(a)!;
      for (const t of tickets.filter((r) => r.seenBy.includes(a))) {
        await st.waitFor((f) => f.event === 'message.created' && dataOf(f).ticket_id === t.id && Number(f.id) > 0, 5000)
          .catch(() => failures.push(`${a}: no live event for ${t.key}, which it may read`));
      }
      await new Promise((r) => setTimeout(r, 50));
      const text = st.text();
      for (const secret of s.secretsFor(a)) {
        if (text.includes(secret)) failures.push(`${a}: received ${s.rows.find((r) => r.id === secret || r.markers.includes(secret))?.key ?? secret}`);
      }
      for (const f of st.frames.filter((x) => x.data && x.event !== 'ready' && x.event !== 'reset')) {
        const d = dataOf(f);
        // An in-app notification (docs/notifications.md) goes to the person it is for, and to nobody else.
        if (f.event?.startsWith('notification.')) {
          if (d.subject_type !== 'user' || d.subject_id !== s.person(a).user.id) failures.push(`${a}: got ${f.event} of someone else`);
        } else if (d.ticket_id === undefined && !a.endsWith('dmin')) failures.push(`${a}: got ${f.event}, an event for admins`);
        if ((f.event === 'note.created' || d.message_type === 'note') && !['admin', 'agent', 'restrictedAgent', 'otherAdmin'].includes(a)) failures.push(`${a}: got a note event`);
      }
      st.close();
    }
    expect(failures).toEqual([]);
  });
});
