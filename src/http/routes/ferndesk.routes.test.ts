/**
 * The Ferndesk custom support endpoint (issue 12, seed 004), over the API and, for the
 * "Test" action, over real HTTP. The feed is checked against the seed's format by a
 * validator written here, independently of the app's own schema.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import { freePort } from '../../../test/helpers/free-ports.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';

const BASE = '/tickets/api/integrations/ferndesk/';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The seed's format, checked by hand: every problem as "path: what is wrong". */
function seedFormatProblems(doc: unknown, roles: string[]): string[] {
  const out: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(doc) || Object.keys(doc).join() !== 'conversations' || !Array.isArray(doc.conversations)) return ['root: must be {"conversations": [...]} and nothing else'];
  doc.conversations.forEach((c, i) => {
    const at = `conversations[${i}]`;
    if (!isObj(c)) { out.push(`${at}: not an object`); return; }
    if (Object.keys(c).sort().join() !== 'id,lastMessageAt,messages,url') out.push(`${at}: keys ${Object.keys(c).join()}`);
    if (typeof c.id !== 'string' || !c.id) out.push(`${at}.id`);
    if (typeof c.url !== 'string' || !/^https?:\/\//.test(c.url)) out.push(`${at}.url`);
    if (typeof c.lastMessageAt !== 'string' || !ISO.test(c.lastMessageAt)) out.push(`${at}.lastMessageAt`);
    if (!Array.isArray(c.messages) || c.messages.length === 0) { out.push(`${at}.messages`); return; }
    let previous = '';
    c.messages.forEach((m: unknown, j: number) => {
      const mat = `${at}.messages[${j}]`;
      if (!isObj(m)) { out.push(`${mat}: not an object`); return; }
      if (Object.keys(m).sort().join() !== 'content,createdAt,id,role') out.push(`${mat}: keys ${Object.keys(m).join()}`);
      if (typeof m.id !== 'string' || !m.id) out.push(`${mat}.id`);
      if (typeof m.role !== 'string' || !roles.includes(m.role)) out.push(`${mat}.role ${String(m.role)}`);
      if (typeof m.content !== 'string') out.push(`${mat}.content`);
      if (typeof m.createdAt !== 'string' || !ISO.test(m.createdAt)) out.push(`${mat}.createdAt`);
      else if (m.createdAt < previous) out.push(`${mat}: out of order`);
      previous = String(m.createdAt);
    });
    if (c.lastMessageAt !== previous) out.push(`${at}.lastMessageAt is not its last message's time`);
  });
  return out;
}

interface Conversation { id: string; url: string; lastMessageAt: string; messages: Array<{ id: string; role: string; content: string; createdAt: string }> }

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let baseUrl: string;
let ticketA: { id: string };
let ticketB: { id: string };
let otherTicket: { id: string };

const admin = () => api(app, w.admin.token);
const pathOf = (url: string) => new URL(url).pathname;
const feed = (url: string, query = 'startDate=2020-01-01') => api(app).get(`${pathOf(url)}?${query}`);

async function ticket(token: string, subject: string, body: string) {
  const res = await api(app, token).post('/tickets/api/tickets/', { subject, messages: [{ body }] });
  expect(res.status, res.raw).toBe(201);
  return res.body as { id: string };
}
async function reply(token: string, id: string, payload: Record<string, unknown>) {
  const res = await api(app, token).post(`/tickets/api/tickets/${id}/reply/`, payload);
  expect(res.status, res.raw).toBeLessThan(300);
}
async function enable(): Promise<string> {
  const res = await admin().post(BASE);
  expect(res.status, res.raw).toBe(200);
  return res.body.url as string;
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  ({ t, app, w } = await startApiTest({ PARLEY_BASE_URL: baseUrl }));
  await app.listen({ port, host: '127.0.0.1' });
  ticketA = await ticket(w.customer.token, 'Cannot sign in', 'Hello, I cannot sign in since Monday.');
  await reply(w.agent.token, ticketA.id, { body: '', body_html: '<p>Hi <b>Carla</b>, please <a href="https://example.com/reset">reset</a> it.</p>', status: 'pending' });
  await reply(w.agent.token, ticketA.id, { body: 'SECRET internal note: customer is on the old plan', message_type: 'note' });
  await reply(w.agent.token, ticketA.id, { body: 'A scheduled reply NOT YET SENT', send_at: new Date(Date.now() + 86_400_000).toISOString() });
  await reply(w.customer.token, ticketA.id, { body: 'It works now, thanks!' });
  ticketB = await ticket(w.colleague.token, 'Invoice question', 'Where is my invoice?');
  otherTicket = await ticket(w.otherCustomer.token, 'OTHER TENANT ticket', 'OTHER TENANT message');
});
afterAll(async () => stopApiTest({ t, app }));

describe('Ferndesk endpoint administration', () => {
  it('is admins only: anonymous 401, agent and customer 403', async () => {
    expect((await api(app).get(BASE)).status).toBe(401);
    for (const who of [w.agent, w.customer]) {
      expect((await api(app, who.token).post(BASE)).status).toBe(403);
      expect((await api(app, who.token).get(BASE)).status).toBe(403);
    }
    expect((await admin().get(BASE)).body).toEqual({ enabled: false, role_name: 'agent', enabled_at: null, rotated_at: null, updated_at: null });
  });

  it('enables with a URL shown once; the state never shows it; only its SHA-256 is stored', async () => {
    const url = await enable();
    expect(url.startsWith(`${baseUrl}/tickets/api/integrations/ferndesk/feed/fdk_`)).toBe(true);
    const state = await admin().get(BASE);
    expect(state.body).toMatchObject({ enabled: true, role_name: 'agent', rotated_at: null });
    expect(state.raw).not.toContain(url.split('/').at(-2));
    const token = url.split('/').at(-2)!;
    const row = await t.rt.db.selectFrom('ferndesk_integrations').selectAll().where('tenant_id', '=', w.tenantId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    // Another tenant's admin sees their own (disabled) integration.
    expect((await api(app, w.otherAdmin.token).get(BASE)).body.enabled).toBe(false);
  });

  it("serves the seed's format: public messages only, in order, plain text, roles, this tenant only", async () => {
    const url = await enable();
    const res = await feed(url);
    expect(res.status, res.raw).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(seedFormatProblems(res.body, ['user', 'agent'])).toEqual([]);
    for (const hidden of ['SECRET internal note', 'NOT YET SENT', 'Status changed', 'OTHER TENANT']) expect(res.raw).not.toContain(hidden);
    const conversations = res.body.conversations as Conversation[];
    expect(conversations.map((c) => c.id).sort()).toEqual([ticketA.id, ticketB.id].sort());
    expect(conversations.map((c) => c.id)).not.toContain(otherTicket.id);
    const a = conversations.find((c) => c.id === ticketA.id)!;
    expect(a.url).toBe(`${baseUrl}/tickets/${ticketA.id}/`);
    expect(a.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Hello, I cannot sign in since Monday.'],
      ['agent', 'Hi Carla, please reset it.'],
      ['user', 'It works now, thanks!'],
    ]);
  });

  it('keeps conversations with activity since startDate; a bad or missing startDate is a 400 problem', async () => {
    const url = await enable();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await feed(url, `startDate=${tomorrow}`)).body).toEqual({ conversations: [] });
    const today = new Date().toISOString().slice(0, 10);
    expect((await feed(url, `startDate=${today}`)).body.conversations).toHaveLength(2);
    for (const [query, field] of [['startDate=2025-02-30', 'startDate'], ['startDate=yesterday', 'startDate'], ['', 'startDate'], ['startDate=2025-01-01&limit=0', 'limit'], ['startDate=2025-01-01&cursor=xyz', 'cursor']]) {
      const res = await feed(url, query);
      expect(res.status, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors[0].field).toBe(field);
      expect(res.body.detail).toContain(field);
    }
  });

  it('pages with limit and the Link rel="next" header, most recently updated first, without repeats', async () => {
    const url = await enable();
    const first = await feed(url, 'startDate=2020-01-01&limit=1');
    expect(first.body.conversations.map((c: Conversation) => c.id)).toEqual([ticketB.id]);
    const link = String(first.headers.link);
    const next = /^<([^>]+)>; rel="next"$/.exec(link)![1];
    const second = await api(app).get(next.slice(baseUrl.length));
    expect(second.body.conversations.map((c: Conversation) => c.id)).toEqual([ticketA.id]);
    // The third page is the other tenant's ticket never: there is none.
    expect(second.headers.link).toBeUndefined();
  });

  it('labels staff with the chosen role name', async () => {
    const url = await enable();
    expect((await admin().patch(BASE, { role_name: 'boss' })).status).toBe(422);
    expect((await admin().patch(BASE, { role_name: 'support_agent' })).body.role_name).toBe('support_agent');
    const res = await feed(url);
    expect(seedFormatProblems(res.body, ['user', 'support_agent'])).toEqual([]);
    expect(res.raw).toContain('"role":"support_agent"');
    await admin().patch(BASE, { role_name: 'agent' });
  });

  it('rotating or disabling makes the old URL answer 404; unknown tokens 404 too; each is audited', async () => {
    const old = await enable();
    expect((await feed(old)).status).toBe(200);
    const fresh = await enable();
    expect((await feed(old)).status).toBe(404);
    expect((await feed(fresh)).status).toBe(200);
    expect((await admin().get(BASE)).body.rotated_at).not.toBeNull();
    expect((await admin().delete(BASE)).status).toBe(204);
    expect((await feed(fresh)).status).toBe(404);
    expect((await admin().get(BASE)).body.enabled).toBe(false);
    expect((await api(app).get(`/tickets/api/integrations/ferndesk/feed/fdk_${'A'.repeat(43)}/?startDate=2020-01-01`)).status).toBe(404);
    expect((await api(app).get('/tickets/api/integrations/ferndesk/feed/nonsense/?startDate=2020-01-01')).status).toBe(404);
    // The token is judged first: a bad query on an unknown URL tells nothing more than 404.
    expect((await feed(fresh, 'startDate=yesterday')).status).toBe(404);
    const names = (await t.rt.db.selectFrom('events').select('name').where('tenant_id', '=', w.tenantId).where('name', 'like', 'ferndesk.%').execute()).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['ferndesk.enabled', 'ferndesk.rotated', 'ferndesk.updated', 'ferndesk.disabled']));
  });

  it('"Test" fetches the endpoint over HTTP and reports reachable, JSON and format, field by field', async () => {
    const url = await enable();
    const ok = await admin().post(`${BASE}test`, { url, start_date: '2020-01-01' });
    expect(ok.status, ok.raw).toBe(200);
    expect(ok.body).toMatchObject({ reachable: true, status: 200, valid_json: true, schema_errors: [], conversations: 2, messages: 4, ok: true });
    const rotated = await enable();
    const stale = await admin().post(`${BASE}test`, { url, start_date: '2020-01-01' });
    expect(stale.body).toMatchObject({ reachable: true, status: 404, ok: false });
    expect(stale.body.error).toContain('404');
    // Only this instance's feed URLs are fetched.
    const elsewhere = await admin().post(`${BASE}test`, { url: 'http://169.254.169.254/latest/meta-data/' });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors[0].field).toBe('url');
    expect((await api(app, w.agent.token).post(`${BASE}test`, { url: rotated })).status).toBe(403);
  });

  it('is rate-limited per endpoint, with Retry-After', async () => {
    const url = await enable();
    let res = await feed(url);
    for (let i = 0; i < 70 && res.status === 200; i++) res = await feed(url);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.headers['ratelimit-limit']).toBe('60');
  });
});
