/**
 * The notices about the install's mail, in-app only, to the tenant's admins (docs/notifications.md):
 * with no transport at all, a reply to a customer waits in the outbox and every active admin
 * (not the agents, not another tenant's admins) gets one `mail_waiting` per episode; a refused
 * refresh token gives them `mailbox_needs_reauth`. Listed, marked read and pushed like the
 * ticket ones. Runs on SQLite and PostgreSQL, through the real worker.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { dataOf, openSse, type SseFrame, type SseStream } from '../../../test/helpers/sse-client.ts';
import { connectMailbox, insertOAuthMailbox, startOAuthServer, type OAuthServer } from '../../../test/helpers/oauth-server.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type Person, type World } from '../../../test/helpers/world.ts';
import { updateDepartment } from '../departments/update-department.ts';
import { updateSettings } from '../settings/update-settings.ts';
import { createUser } from '../users/create-user.ts';
import { updateUserRow } from '../users/users.repo.ts';
import { buildApp } from '../../http/app.ts';
import { getMailboxAccessToken, MailboxNeedsReauthError } from '../../mail/inbound/oauth/access-token.ts';
import type { Runtime } from '../../runtime.ts';

interface Listed {
  id: string; kind: string; ticket_id: string | null; ticket: { id: string } | null;
  subject: { type: string; id: string; name: string | null }; actor: unknown; read_at: string | null;
}

let t: TestRuntime;
let rt: Runtime;
let app: FastifyInstance;
let w: World;
let oauth: OAuthServer;
let backup: Person['user'];
let former: Person['user'];

const drain = async () => { while ((await rt.worker.runOnce()) > 0) { /* drain */ } };
/** Makes every waiting job due now (a mail with no transport is retried later). */
const dueNow = async () => {
  await rt.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('status', '=', 'pending').execute();
};
const list = async (p: Person) => {
  const r = await api(app, p.token).get('/tickets/api/notifications/?limit=200');
  expect(r.status, r.raw).toBe(200);
  return r.body as { results: Listed[]; unread_count: number };
};
const ofKind = async (p: Person, kind: string) => (await list(p)).results.filter((n) => n.kind === kind);
const rowsOf = (kind: string) => rt.db.selectFrom('notifications').select(['tenant_id', 'user_id', 'ticket_id', 'subject_type', 'subject_id'])
  .where('kind', '=', kind).orderBy('user_id').execute();

beforeAll(async () => {
  // No SMTP_URL and no transport in the settings: mail has nowhere to go.
  oauth = await startOAuthServer();
  t = await createTestRuntime({ PARLEY_BASE_URL: 'https://help.example' });
  rt = t.rt;
  app = await buildApp(rt);
  w = await buildWorld(rt);
  const system = rt.systemCtx(w.tenantId);
  await updateDepartment(system, 1, { addresses: ['soporte@example.com'] });
  await updateSettings(system, { mail_send_threshold: 1000 });
  backup = await createUser(system, { email: 'second-admin@example.com', name: 'Bea Backup', role: 'admin' });
  former = await createUser(system, { email: 'former-admin@example.com', name: 'Fred Former', role: 'admin' });
  await updateUserRow(rt.db, w.tenantId, former.id, { is_active: false });
  await drain();
});
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
  await oauth?.close();
});

describe('mail waiting for a transport', () => {
  it('the reply stays queued; each active admin of the tenant is told once per episode, in-app', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const streams: SseStream[] = [];
    const open = async (p: Person) => {
      const s = await openSse(`${base}/tickets/api/stream/`, { authorization: `Bearer ${p.token}` });
      streams.push(s);
      await s.waitFor((f) => f.event === 'ready');
      return s;
    };
    try {
      const [adminStream, agentStream] = [await open(w.admin), await open(w.agent)];
      await waitingEpisode(adminStream, agentStream);
    } finally {
      for (const s of streams) s.close();
    }
  });
});

/** The episode, watched by an admin's and an agent's live streams. */
async function waitingEpisode(adminStream: SseStream, agentStream: SseStream) {
  const created = await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: 'Printer', messages: [{ body: 'It jams.' }] });
  expect(created.status, created.raw).toBe(201);
  const ticket = created.body as { id: string };
  await drain();
  const reply = await api(app, w.agent.token).post(`/tickets/api/tickets/${ticket.id}/reply/`, { body: 'Try the other tray.', message_type: 'reply' });
  expect(reply.status, reply.raw).toBe(201);
  await drain();
  await dueNow();
  await drain();

  const toCustomer = await rt.db.selectFrom('outbound_mails').select(['status', 'to_addresses'])
    .where('tenant_id', '=', w.tenantId).where('kind', '=', 'reply').execute();
  expect(toCustomer).toHaveLength(1);
  expect(toCustomer[0]).toMatchObject({ status: 'queued' });
  expect(JSON.parse(toCustomer[0]!.to_addresses)).toEqual(['carla@acme.example']);

  const [n] = await ofKind(w.admin, 'mail_waiting');
  expect(await ofKind(w.admin, 'mail_waiting')).toHaveLength(1);
  expect(n).toMatchObject({ ticket_id: null, ticket: null, subject: { type: 'outgoing_mail', id: 'tenant', name: null }, actor: null, read_at: null });
  const rows = await rowsOf('mail_waiting');
  expect(rows.map((r) => r.user_id).sort()).toEqual([w.admin.user.id, backup.id].sort());
  expect(rows.every((r) => r.tenant_id === w.tenantId && r.ticket_id === null)).toBe(true);
  expect(await ofKind(w.agent, 'mail_waiting')).toEqual([]);
  expect(await ofKind(w.otherAdmin, 'mail_waiting')).toEqual([]);

  // Pushed as every notification: one notification.created per admin, subject the admin, no ticket.
  const events = await rt.db.selectFrom('events').select(['subject_type', 'subject_id', 'payload'])
    .where('name', '=', 'notification.created').where('subject_id', 'in', [w.admin.user.id, backup.id]).execute();
  const waiting = events.filter((e) => JSON.parse(e.payload).kind === 'mail_waiting');
  expect(waiting).toHaveLength(2);
  for (const e of waiting) expect(JSON.parse(e.payload)).toMatchObject({ ticket_id: null, notification_id: expect.any(String) });

  // A second mail in the same episode: still waiting, nobody told again.
  const again = await api(app, w.agent.token).post(`/tickets/api/tickets/${ticket.id}/reply/`, { body: 'Or call us.', message_type: 'reply' });
  expect(again.status, again.raw).toBe(201);
  await drain();
  await dueNow();
  await drain();
  expect(await rowsOf('mail_waiting')).toHaveLength(2);
  expect(await rt.db.selectFrom('events').select('id').where('name', '=', 'outgoing_mail.no_transport').execute()).toHaveLength(1);

  // Marked read by its admin only.
  expect((await api(app, w.agent.token).post(`/tickets/api/notifications/${n!.id}/read/`)).status).toBe(404);
  expect((await api(app, w.otherAdmin.token).post(`/tickets/api/notifications/${n!.id}/read/`)).status).toBe(404);
  const read = await api(app, w.admin.token).post(`/tickets/api/notifications/${n!.id}/read/`);
  expect(read.status, read.raw).toBe(200);
  expect(read.body.read_at).toEqual(expect.any(String));

  // On the live stream: to the admin, like any notification; not to the agent.
  await rt.live.settled();
  const isWaiting = (f: SseFrame) => !!f.data && dataOf(f).name === 'notification.created' && dataOf(f).kind === 'mail_waiting';
  const frame = await adminStream.waitFor(isWaiting);
  expect(dataOf(frame)).toMatchObject({ subject_type: 'user', subject_id: w.admin.user.id, ticket_id: null, notification_id: n!.id });
  expect(agentStream.frames.some(isWaiting)).toBe(false);
}

describe('a mailbox whose refresh token is refused', () => {
  it('gives every active admin of the tenant a mailbox_needs_reauth notification', async () => {
    const box = await connectMailbox(rt, oauth, await insertOAuthMailbox(rt, { name: 'Support inbox', kind: 'graph', provider: 'microsoft', oauth }), 0);
    oauth.revoke(rt.secrets.open(box.oauth_refresh_enc!));
    await expect(getMailboxAccessToken(rt, box)).rejects.toBeInstanceOf(MailboxNeedsReauthError);
    await drain();

    const rows = await rowsOf('mailbox_needs_reauth');
    expect(rows.map((r) => r.user_id).sort()).toEqual([w.admin.user.id, backup.id].sort());
    expect(rows.every((r) => r.subject_type === 'mailbox' && r.subject_id === box.id && r.ticket_id === null)).toBe(true);
    const [n] = await ofKind(w.admin, 'mailbox_needs_reauth');
    expect(n).toMatchObject({ ticket_id: null, ticket: null, subject: { type: 'mailbox', id: box.id, name: 'Support inbox' } });
    expect(await ofKind(w.agent, 'mailbox_needs_reauth')).toEqual([]);
    expect(await ofKind(w.otherAdmin, 'mailbox_needs_reauth')).toEqual([]);
  });
});

describe('preferences', () => {
  it('list only the kinds that can come by mail; naming an in-app-only kind is refused and changes nothing', async () => {
    const get = await api(app, w.admin.token).get('/tickets/api/me/notification-preferences/');
    expect(get.status).toBe(200);
    expect(Object.keys(get.body.email)).not.toContain('mail_waiting');
    expect(Object.keys(get.body.email)).toContain('assigned');
    const r = await app.inject({
      method: 'PUT', url: '/tickets/api/me/notification-preferences/',
      headers: { authorization: `Bearer ${w.admin.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: { assigned: false, mail_waiting: false } }),
    });
    expect([400, 422]).toContain(r.statusCode);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect((await api(app, w.admin.token).get('/tickets/api/me/notification-preferences/')).body).toEqual(get.body);
  });
});
