/** GET /tickets/api/tickets/<id>/messages/: the thread in pages, newest first, with the thread's visibility. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/shared/clock.ts';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let ticketId: string;
const url = () => `/tickets/api/tickets/${ticketId}/messages/`;

interface Page { results: Array<{ id: string; message_type: string; body: string }>; next_cursor: string | null }

/** Every page, following next_cursor, as one list (newest first). */
async function readAll(token: string, limit: number) {
  const seen: Page['results'] = [];
  let cursor: string | null = '';
  let pages = 0;
  while (cursor !== null) {
    const res = await api(app, token).get(`${url()}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    const page = res.body as Page;
    seen.push(...page.results);
    cursor = page.next_cursor;
    pages += 1;
  }
  return { seen, pages };
}

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
  ticketId = (await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: 'Hilo largo', department: 1, messages: [{ body: 'mensaje 0' }] })).body.id;
  for (let i = 1; i <= 6; i += 1) {
    const [token, kind] = i % 3 === 0 ? [w.agent.token, 'note'] : [i % 2 ? w.agent.token : w.customer.token, 'reply'];
    const res = await api(app, token).post(`/tickets/api/tickets/${ticketId}/reply/`, { body: `mensaje ${i}`, message_type: kind });
    expect(res.status).toBe(201);
  }
});
afterAll(async () => stopApiTest({ t, app }));

describe('GET /tickets/api/tickets/<id>/messages/', () => {
  it('pages the whole thread newest first, each message once, in the reverse order of the thread', async () => {
    const thread = (await api(app, w.agent.token).get(`/tickets/api/tickets/${ticketId}/`)).body.messages as Page['results'];
    const { seen, pages } = await readAll(w.agent.token, 3);
    expect(seen.map((m) => m.id)).toEqual(thread.map((m) => m.id).reverse());
    expect(seen.filter((m) => m.message_type === 'note').map((m) => m.body)).toEqual(['mensaje 6', 'mensaje 3']);
    expect(pages).toBe(Math.ceil(thread.length / 3));
    const first = (await api(app, w.agent.token).get(url())).body as Page;
    expect(first.results[0]).toMatchObject({ body: 'mensaje 6', delivery: null, attachments: [] });
    expect(first.next_cursor).toBeNull();
  });

  it('keeps every message exactly once when several share the same instant (keyset on created_at, then id)', async () => {
    const ticket = (await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: 'Mismo instante', messages: [{ body: 'inicio' }] })).body.id as string;
    const at = new Date(Date.now() + 60_000).toISOString();
    await t.rt.db.insertInto('messages').values(Array.from({ length: 5 }, (_, i) => ({
      id: newId(), tenant_id: w.tenantId, ticket_id: ticket, message_type: 'reply', channel: 'email', author_id: w.customer.user.id,
      body: `a la vez ${i}`, body_html: null, quoted_text: null, email_message_id: null, email_in_reply_to: null,
      email_references: null, email_headers: null, time_spent: null, created_at: at,
    }))).execute();
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await api(app, w.agent.token).get(`/tickets/api/tickets/${ticket}/messages/?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...(res.body as Page).results.map((m) => m.body));
      cursor = (res.body as Page).next_cursor;
    }
    expect(seen.slice(0, 5).sort()).toEqual(['a la vez 0', 'a la vez 1', 'a la vez 2', 'a la vez 3', 'a la vez 4']);
    expect(seen.slice(5)).toEqual(['inicio']);
  });

  it('never gives a customer the internal notes, on any page', async () => {
    const { seen } = await readAll(w.customer.token, 2);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((m) => m.message_type === 'note')).toBe(false);
    expect(seen.map((m) => m.body)).not.toContain('mensaje 3');
  });

  it('asks for credentials (401), hides other tenants and other customers (404)', async () => {
    expect((await api(app).get(url())).status).toBe(401);
    expect((await api(app, w.otherAdmin.token).get(url())).status).toBe(404);
    expect((await api(app, w.stranger.token).get(url())).status).toBe(404);
    expect((await api(app, w.agent.token).get('/tickets/api/tickets/00000000-0000-4000-8000-000000000000/messages/')).status).toBe(404);
  });

  it('refuses a cursor it did not give and a bad limit (422 problem+json)', async () => {
    for (const query of ['?cursor=not-a-cursor', `?cursor=${Buffer.from('[1,2]').toString('base64url')}`, '?limit=0', '?limit=201', '?limit=x']) {
      const res = await api(app, w.agent.token).get(`${url()}${query}`);
      expect(res.status, query).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await api(app, w.agent.token).get(`${url()}?cursor=zz`)).body.errors[0].field).toBe('cursor');
  });
});
