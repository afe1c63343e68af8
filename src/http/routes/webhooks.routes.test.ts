/**
 * Webhooks end to end (issue 11): real HTTP receivers on loopback (allowed by
 * PARLEY_OUTBOUND_ALLOW, as an operator would), events made through the API, messages
 * sent by the dispatcher, checked as a receiver checks them (Standard Webhooks signature).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { verifyWebhook } from '../../net/webhook-signature.ts';
import { WebhookDispatcher } from '../../webhooks/webhook-dispatcher.ts';

interface Received { headers: IncomingHttpHeaders; body: string; at: number }
interface Receiver { url: string; received: Received[]; status: number; delayMs: number; server: Server }

async function receiver(status = 200, delayMs = 0): Promise<Receiver> {
  const r = { received: [] as Received[], status, delayMs } as Receiver;
  r.server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c; });
    req.on('end', () => {
      r.received.push({ headers: req.headers, body, at: Date.now() });
      setTimeout(() => { res.statusCode = r.status; res.end(r.status >= 300 ? 'receiver says no' : 'ok'); }, r.delayMs);
    });
  });
  await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}/hook`;
  return r;
}

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let dispatcher: WebhookDispatcher;
const receivers: Receiver[] = [];
const HOOKS = '/tickets/api/webhooks/';

beforeAll(async () => {
  ({ t, app, w } = await startApiTest({ PARLEY_OUTBOUND_ALLOW: '127.0.0.1' }));
  // Short retries and deadline, so a day of retries fits in a test.
  dispatcher = new WebhookDispatcher({ services: t.rt, secrets: t.rt.secrets, baseUrl: t.rt.config.baseUrl, timeoutMs: 500, retryDelays: [10, 10] });
});
afterAll(async () => {
  await dispatcher?.stop();
  for (const r of receivers) r.server.close();
  await stopApiTest({ t, app });
});

const admin = () => api(app, w.admin.token);
async function hookFor(r: Receiver, events: string[], extra: Record<string, unknown> = {}) {
  const res = await admin().post(HOOKS, { url: r.url, events, ...extra });
  expect(res.status, res.raw).toBe(201);
  return res.body as { id: string; secret: string };
}
async function newReceiver(status = 200, delayMs = 0) { const r = await receiver(status, delayMs); receivers.push(r); return r; }
async function createTicket(subject: string) {
  const res = await api(app, w.customer.token).post('/tickets/api/tickets/', { subject, messages: [{ body: 'Hello' }] });
  expect(res.status, res.raw).toBe(201);
  return res.body as { id: string; number: string };
}

describe('webhooks', () => {
  it('refuses internal URLs at save unless the operator allowed them, with the reason on the field', async () => {
    for (const url of ['http://10.0.0.7/hook', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/x', 'http://[fd00::1]/x', 'ftp://example.com/']) {
      const res = await admin().post(HOOKS, { url, events: ['ticket.created'] });
      expect(res.status, url).toBe(422);
      expect(res.body.errors[0].field).toBe('url');
    }
    expect((await admin().post(HOOKS, { url: 'http://127.0.0.1:1/x', events: [] })).status).toBe(422);
    expect((await admin().post(HOOKS, { url: 'http://127.0.0.1:1/x', events: ['ticket.exploded'] })).status).toBe(422);
    expect((await admin().get(HOOKS)).body).toEqual([]);
    expect((await api(app, w.agent.token).post(HOOKS, { url: 'http://127.0.0.1:1/x', events: ['ticket.created'] })).status).toBe(403);
  });

  it('delivers a subscribed event, signed, with the ticket as the API shows it; once, whatever the retries', async () => {
    const r = await newReceiver();
    const { id, secret } = await hookFor(r, ['ticket.created', 'ticket.resolved']);
    expect(secret).toMatch(/^whsec_/);
    expect((await admin().get(`${HOOKS}${id}/`)).body).not.toHaveProperty('secret');
    const ticket = await createTicket('Webhook me');
    await dispatcher.drain();
    expect(r.received).toHaveLength(1);
    const [got] = r.received;
    expect(verifyWebhook(secret, got.headers as Record<string, string>, got.body)).toBe(true);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({ type: 'ticket.created', data: { ticket: { id: ticket.id, number: ticket.number, subject: 'Webhook me' }, url: `${t.rt.config.baseUrl}/tickets/${ticket.id}/` } });
    expect(got.headers['webhook-id']).toMatch(/^msg_/);
    // A priority change is not subscribed; resolving is (with the status change it comes from).
    expect((await admin().patch(`/tickets/api/tickets/${ticket.id}/`, { priority: 'high' })).status).toBe(200);
    expect((await admin().patch(`/tickets/api/tickets/${ticket.id}/`, { status: 'resolved' })).status).toBe(200);
    await dispatcher.drain();
    expect(r.received.map((x) => JSON.parse(x.body).type)).toEqual(['ticket.created', 'ticket.resolved']);
    const log = (await admin().get(`${HOOKS}${id}/deliveries/`)).body;
    expect(log.results.map((d: { status: string; status_code: number }) => [d.status, d.status_code])).toEqual([['delivered', 200], ['delivered', 200]]);
  });

  it('speaks Slack when asked', async () => {
    const r = await newReceiver();
    await hookFor(r, ['ticket.created'], { format: 'slack' });
    const ticket = await createTicket('Printer <on> fire & smoke');
    await dispatcher.drain();
    const text = JSON.parse(r.received.at(-1)!.body).text as string;
    expect(text).toContain(`<${t.rt.config.baseUrl}/tickets/${ticket.id}/|${ticket.number}>`);
    expect(text).toContain('Printer &lt;on&gt; fire &amp; smoke');
  });

  it('retries a failing receiver with the same id and body, then turns the webhook off and tells the admins', async () => {
    const r = await newReceiver(503);
    const { id } = await hookFor(r, ['ticket.created']);
    await createTicket('Nobody listens');
    for (let i = 0; i < 5 && r.received.length < 3; i++) { await dispatcher.drain(); await new Promise((x) => setTimeout(x, 30)); }
    expect(r.received).toHaveLength(3);
    expect(new Set(r.received.map((x) => x.headers['webhook-id'])).size).toBe(1);
    expect(new Set(r.received.map((x) => x.body)).size).toBe(1);
    const hook = (await admin().get(`${HOOKS}${id}/`)).body;
    expect(hook).toMatchObject({ active: false });
    expect(hook.disabled_reason).toMatch(/3 attempts .* the receiver answered 503/);
    const [delivery] = (await admin().get(`${HOOKS}${id}/deliveries/`)).body.results;
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3, status_code: 503, response_excerpt: 'receiver says no' });
    while ((await t.rt.worker.runOnce()) > 0) { /* the notify job */ }
    const notices = (await admin().get('/tickets/api/notifications/')).body.results as Array<{ kind: string; subject: { type: string; id: string } }>;
    expect(notices.filter((n) => n.kind === 'webhook_disabled').map((n) => n.subject)).toEqual([{ type: 'webhook', id, name: null }]);
    // Off: new events are not queued for it. On again, and a redelivery goes out with the same id.
    await createTicket('Still nobody');
    r.status = 200;
    await dispatcher.drain();
    expect(r.received).toHaveLength(3);
    expect((await admin().patch(`${HOOKS}${id}/`, { active: true })).body.active).toBe(true);
    const again = await admin().post(`/tickets/api/webhook-deliveries/${delivery.id}/redeliver/`);
    expect(again.status, again.raw).toBe(202);
    await dispatcher.drain();
    expect(r.received).toHaveLength(4);
    expect(r.received[3].headers['webhook-id']).toBe(r.received[0].headers['webhook-id']);
  });

  it('never lets a receiver that does not answer hold up another', async () => {
    // Only these two webhooks from here on.
    for (const hook of (await admin().get(HOOKS)).body as Array<{ id: string }>) await admin().patch(`${HOOKS}${hook.id}/`, { active: false });
    const hanging = await newReceiver(200, 60_000);
    const fast = await newReceiver();
    await hookFor(hanging, ['ticket.created']);
    await hookFor(fast, ['ticket.created']);
    for (let i = 0; i < 4; i++) await createTicket(`Busy ${i}`);
    // A dispatcher whose deadline outlasts the test: the hanging receiver holds two of its slots all along.
    const patient = new WebhookDispatcher({ services: t.rt, secrets: t.rt.secrets, baseUrl: t.rt.config.baseUrl, timeoutMs: 30_000 });
    patient.start();
    try {
      const deadline = Date.now() + 15_000;
      while (fast.received.length < 4 && Date.now() < deadline) await new Promise((x) => setTimeout(x, 20));
      expect(fast.received).toHaveLength(4);
      expect(hanging.received).toHaveLength(2); // two at a time to one webhook, still waiting for an answer
    } finally {
      hanging.server.closeAllConnections();
      await patient.stop();
    }
  });

  it('rotates the secret: both sign for a day; a test event answers what the receiver said', async () => {
    const r = await newReceiver();
    const { id, secret: first } = await hookFor(r, ['ticket.created']);
    const rotated = await admin().post(`${HOOKS}${id}/rotate-secret/`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(first);
    expect(Date.parse(rotated.body.previous_secret_valid_until)).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const test = await admin().post(`${HOOKS}${id}/test/`);
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ ok: true, delivery: { event: 'webhook.test', status: 'delivered', status_code: 200 } });
    const got = r.received.at(-1)!;
    expect((got.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    expect(verifyWebhook(first, got.headers as Record<string, string>, got.body)).toBe(true);
    expect(verifyWebhook(rotated.body.secret, got.headers as Record<string, string>, got.body)).toBe(true);
    r.status = 500;
    expect((await admin().post(`${HOOKS}${id}/test/`)).body).toMatchObject({ ok: false, delivery: { status: 'failed', status_code: 500, error: 'the receiver answered 500' } });
    expect((await admin().delete(`${HOOKS}${id}/`)).status).toBe(204);
    expect((await admin().get(`${HOOKS}${id}/`)).status).toBe(404);
  });
});
