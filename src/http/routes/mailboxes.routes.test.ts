import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, fieldsOf } from '../../../test/helpers/api.ts';
import { eml } from '../../../test/helpers/mail.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { findInbound } from '../../mail/inbound/inbound.repo.ts';
import { receiveMessage } from '../../mail/inbound/receive-message.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;

beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
afterAll(async () => stopApiTest({ t, app }));

const URL = '/tickets/api/mailboxes/';
const PASSWORD = 'hunter2-very-secret';
const CLIENT_SECRET = 'client-secret-value-123';
const rowOf = (id: string) => t.rt.db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventsOf = (id: string) => t.rt.db.selectFrom('events').select(['name', 'payload']).where('subject_id', '=', id).orderBy('id').execute();
const imap = (over: Record<string, unknown> = {}) => ({ name: `Soporte ${Math.random().toString(36).slice(2, 8)}`, kind: 'imap', host: 'imap.example.com', username: 'soporte@example.com', password: PASSWORD, ...over });
const create = async (body: Record<string, unknown>, token = w.admin.token) => {
  const res = await api(app, token).post(URL, body);
  expect(res.status).toBe(201);
  return res.body as { id: string } & Record<string, unknown>;
};

describe('access', () => {
  it('needs credentials on every route', async () => {
    const id = (await create(imap())).id;
    const anon = api(app);
    for (const res of [await anon.get(URL), await anon.post(URL, imap()), await anon.get(`${URL}${id}/`), await anon.patch(`${URL}${id}/`, { name: 'x' }), await anon.delete(`${URL}${id}/`)]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('refuses agents and customers with 403', async () => {
    const id = (await create(imap())).id;
    for (const token of [w.agent.token, w.customer.token]) {
      const a = api(app, token);
      expect((await a.get(URL)).status).toBe(403);
      expect((await a.post(URL, imap())).status).toBe(403);
      expect((await a.get(`${URL}${id}/`)).status).toBe(403);
      expect((await a.patch(`${URL}${id}/`, { name: 'Mine now' })).status).toBe(403);
      expect((await a.delete(`${URL}${id}/`)).status).toBe(403);
    }
    expect((await rowOf(id)).name).not.toBe('Mine now');
  });

  it("hides another tenant's mailboxes: absent from lists, 404 by id", async () => {
    const id = (await create(imap({ name: 'Privado' }))).id;
    const other = api(app, w.otherAdmin.token);
    expect((await other.get(URL)).body.map((m: { id: string }) => m.id)).not.toContain(id);
    expect((await other.get(`${URL}${id}/`)).status).toBe(404);
    expect((await other.patch(`${URL}${id}/`, { name: 'Robado' })).status).toBe(404);
    expect((await other.delete(`${URL}${id}/`)).status).toBe(404);
    expect((await api(app, w.admin.token).get(URL)).body.map((m: { id: string }) => m.id)).toContain(id);
  });
});

describe('POST /tickets/api/mailboxes/', () => {
  it('adds an IMAP mailbox with a sealed password that it never returns', async () => {
    const res = await api(app, w.admin.token).post(URL, imap({ name: 'Soporte IMAP', department: w.salesDepartmentId, archive_folder: 'Archivo' }));
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`${URL}${res.body.id}/`);
    expect(res.body).toMatchObject({
      name: 'Soporte IMAP', kind: 'imap', host: 'imap.example.com', port: 993, security: 'tls', auth: 'password',
      username: 'soporte@example.com', folder: 'INBOX', archive_folder: 'Archivo', department: w.salesDepartmentId,
      is_active: true, state: 'ok', last_error: null, last_scan_at: null, has_password: true, connected: true, has_client_secret: false,
    });
    expect(res.raw).not.toContain(PASSWORD);
    expect(res.body).not.toHaveProperty('password');
    expect(res.body).not.toHaveProperty('secret_enc');
    const row = await rowOf(res.body.id);
    expect(row.secret_enc).not.toContain(PASSWORD);
    expect(t.rt.secrets.open(row.secret_enc!)).toBe(PASSWORD);
    const events = await eventsOf(res.body.id);
    expect(events.map((e) => e.name)).toEqual(['mailbox.created']);
    expect(events[0].payload).not.toContain(PASSWORD);
  });

  it('adds an OAuth2 mailbox, sealing the client secret apart from its config', async () => {
    const res = await api(app, w.admin.token).post(URL, {
      name: 'Microsoft 365', kind: 'graph', username: 'support@contoso.example', oauth_provider: 'microsoft',
      oauth_config: { client_id: 'app-123', client_secret: CLIENT_SECRET, tenant: 'contoso.example', token_url: 'http://127.0.0.1:9/token/' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'graph', auth: 'xoauth2', host: null, port: null, oauth_provider: 'microsoft',
      oauth_config: { client_id: 'app-123', tenant: 'contoso.example', token_url: 'http://127.0.0.1:9/token' },
      has_password: false, has_client_secret: true, connected: false, state: 'needs_reauth',
    });
    expect(res.raw).not.toContain(CLIENT_SECRET);
    const row = await rowOf(res.body.id);
    expect(row.oauth_config).not.toContain(CLIENT_SECRET);
    expect(t.rt.secrets.open(row.secret_enc!)).toBe(CLIENT_SECRET);
  });

  it('allows plain text only to a loopback host, with the plain port', async () => {
    const res = await api(app, w.admin.token).post(URL, imap({ kind: 'pop3', host: '127.0.0.1', security: 'none' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'pop3', security: 'none', port: 110 });
    const remote = await api(app, w.admin.token).post(URL, imap({ security: 'none' }));
    expect(remote.status).toBe(422);
    expect(fieldsOf(remote.body)).toEqual(['security']);
  });

  it('refuses bad input with field errors', async () => {
    const a = api(app, w.admin.token);
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ ...imap(), kind: 'exchange' }, ['kind']],
      [{ ...imap(), port: 70000 }, ['port']],
      [{ ...imap(), host: 'imap example com' }, ['host']],
      [{ ...imap(), password: undefined }, ['password']],
      [{ ...imap(), host: null }, ['host']],
      [{ ...imap(), department: 999 }, ['department']],
      [{ name: 'G', kind: 'graph', username: 'u@x.example', auth: 'password', password: 'p' }, ['auth']],
      [{ name: 'G', kind: 'gmail', oauth_provider: 'microsoft', oauth_config: { client_id: 'c' } }, ['oauth_provider']],
      [{ name: 'G', kind: 'gmail', oauth_provider: 'google', oauth_config: { client_id: 'c', refresh_token: 'x' } }, ['oauth_config']],
      [{ name: 'G', kind: 'gmail', oauth_provider: 'google', oauth_config: { client_id: 'c', token_url: 'file:///etc/passwd' } }, ['oauth_config.token_url']],
      [{ name: 'G', kind: 'imap', host: 'h.example', username: 'u', auth: 'xoauth2', oauth_provider: 'google' }, ['oauth_config.client_id']],
      [{ name: '', kind: 'imap' }, ['name']],
    ];
    for (const [body, fields] of cases) {
      const res = await a.post(URL, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(fields));
    }
  });

  it('refuses a second mailbox with the same name with 409', async () => {
    await create(imap({ name: 'Duplicado' }));
    expect((await api(app, w.admin.token).post(URL, imap({ name: 'Duplicado' }))).status).toBe(409);
  });
});

describe('GET /tickets/api/mailboxes/:id/', () => {
  it('shows the mailbox, and refuses an id that is not a UUID', async () => {
    const id = (await create(imap({ name: 'Lectura' }))).id;
    const res = await api(app, w.admin.token).get(`${URL}${id}/`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, name: 'Lectura', has_password: true });
    expect(res.raw).not.toContain(PASSWORD);
    const bad = await api(app, w.admin.token).get(`${URL}42/`);
    expect(bad.status).toBe(422);
    expect(fieldsOf(bad.body)).toEqual(['id']);
  });
});

describe('PATCH /tickets/api/mailboxes/:id/', () => {
  it('changes the password, resets what the change made stale, and audits without the secret', async () => {
    const id = (await create(imap({ name: 'Cambios' }))).id;
    await t.rt.db.updateTable('mailboxes').set({ uid_validity: '77', last_uid: 1234, state: 'error', last_error: 'auth failed' }).where('id', '=', id).execute();
    const res = await api(app, w.admin.token).patch(`${URL}${id}/`, { password: 'new-password-456', host: 'mail.example.org', security: 'starttls' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ host: 'mail.example.org', security: 'starttls', port: 143, state: 'ok', last_error: null, has_password: true });
    const row = await rowOf(id);
    expect(t.rt.secrets.open(row.secret_enc!)).toBe('new-password-456');
    expect(row).toMatchObject({ uid_validity: null, last_uid: null });
    const updated = (await eventsOf(id)).find((e) => e.name === 'mailbox.updated')!;
    expect(JSON.parse(updated.payload).changes.sort()).toEqual(['host', 'password', 'security']);
    expect(updated.payload).not.toContain('new-password-456');
  });

  it('keeps the password and the IMAP position for a rename', async () => {
    const id = (await create(imap({ name: 'Renombrar' }))).id;
    await t.rt.db.updateTable('mailboxes').set({ uid_validity: '77', last_uid: 12 }).where('id', '=', id).execute();
    const res = await api(app, w.admin.token).patch(`${URL}${id}/`, { name: 'Renombrado', is_active: false });
    expect(res.body).toMatchObject({ name: 'Renombrado', is_active: false, has_password: true });
    expect(await rowOf(id)).toMatchObject({ uid_validity: '77', last_uid: 12 });
  });

  it('keeps OAuth tokens for the same client and drops them for another', async () => {
    const created = await create({ name: 'Gmail', kind: 'gmail', oauth_provider: 'google', oauth_config: { client_id: 'one', client_secret: CLIENT_SECRET } });
    await t.rt.db.updateTable('mailboxes').set({ oauth_refresh_enc: t.rt.secrets.seal('refresh-1'), state: 'ok', last_error: null }).where('id', '=', created.id).execute();
    const a = api(app, w.admin.token);
    expect((await a.patch(`${URL}${created.id}/`, { folder: 'Soporte' })).body).toMatchObject({ connected: true, has_client_secret: true, state: 'ok' });
    const other = await a.patch(`${URL}${created.id}/`, { oauth_config: { client_id: 'two' } });
    expect(other.body).toMatchObject({ connected: false, has_client_secret: true, state: 'needs_reauth', oauth_config: { client_id: 'two' } });
    expect((await rowOf(created.id)).oauth_refresh_enc).toBeNull();
    expect(t.rt.secrets.open((await rowOf(created.id)).secret_enc!)).toBe(CLIENT_SECRET);
  });

  it('refuses bad changes with field errors and an empty change', async () => {
    const id = (await create(imap({ name: 'Mal' }))).id;
    const a = api(app, w.admin.token);
    const none = await a.patch(`${URL}${id}/`, { security: 'none' });
    expect(none.status).toBe(422);
    expect(fieldsOf(none.body)).toEqual(['security']);
    expect((await a.patch(`${URL}${id}/`, {})).status).toBe(422);
    const toOAuth = await a.patch(`${URL}${id}/`, { auth: 'xoauth2' });
    expect(fieldsOf(toOAuth.body).sort()).toEqual(['oauth_config.client_id', 'oauth_provider']);
    expect((await rowOf(id)).security).toBe('tls');
  });
});

describe('DELETE /tickets/api/mailboxes/:id/', () => {
  it('deletes the mailbox and keeps the mail received from it', async () => {
    const id = (await create(imap({ name: 'Borrar' }))).id;
    const { id: inboundId } = await receiveMessage(t.rt, { tenantId: w.tenantId, mailboxId: id, source: 'imap', raw: eml({ from: 'a@b.example', to: 'c@d.example', subject: 'Antes de borrar', body: 'x' }) });
    const res = await api(app, w.admin.token).delete(`${URL}${id}/`);
    expect(res.status).toBe(204);
    expect((await api(app, w.admin.token).get(`${URL}${id}/`)).status).toBe(404);
    expect((await eventsOf(id)).map((e) => e.name)).toEqual(['mailbox.created', 'mailbox.deleted']);
    expect(await findInbound(t.rt.db, w.tenantId, inboundId)).toMatchObject({ mailbox_id: null, mailbox_key: id });
    expect((await api(app, w.admin.token).delete(`${URL}${id}/`)).status).toBe(404);
  });
});
