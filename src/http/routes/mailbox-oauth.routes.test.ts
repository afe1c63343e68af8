import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, fieldsOf } from '../../../test/helpers/api.ts';
import { insertOAuthMailbox, startOAuthServer, type OAuthServer } from '../../../test/helpers/oauth-server.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { updateUserRow } from '../../domain/users/users.repo.ts';
import { findMailbox, insertMailbox, updateMailbox, type MailboxRow } from '../../mail/inbound/mailboxes.repo.ts';
import type { Runtime } from '../../runtime.ts';

const BASE = 'https://help.example';
const CALLBACK = '/tickets/api/oauth/callback/';

let t: TestRuntime;
let rt: Runtime;
let app: FastifyInstance;
let w: World;
let oauth: OAuthServer;
let graphBox: MailboxRow;

beforeAll(async () => {
  oauth = await startOAuthServer();
  ({ t, app, w } = await startApiTest({ PARLEY_BASE_URL: BASE }));
  rt = t.rt;
  graphBox = await insertOAuthMailbox(rt, { name: 'Soporte <M365>', kind: 'graph', provider: 'microsoft', oauth, username: 'soporte@contoso.example' });
});
afterAll(async () => {
  await stopApiTest({ t, app });
  await oauth?.close();
});
afterEach(() => { vi.useRealTimers(); });

const startUrl = (id: string) => `/tickets/api/mailboxes/${id}/oauth/start/`;

/** Opens the authorization URL as the admin's browser would; returns where the provider sends it back. */
async function consent(authorizationUrl: string): Promise<string> {
  const res = await fetch(authorizationUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(`${BASE}${CALLBACK}`);
  return `${back.pathname}${back.search}`;
}

async function start(mailboxId: string, token = w.admin.token): Promise<string> {
  const res = await api(app, token).post(startUrl(mailboxId));
  expect(res.status).toBe(200);
  return res.body.authorization_url as string;
}

describe('POST /tickets/api/mailboxes/:id/oauth/start/', () => {
  it('needs credentials', async () => {
    expect((await api(app).post(startUrl(graphBox.id))).status).toBe(401);
  });

  it("answers 404 for another tenant's admin", async () => {
    const res = await api(app, w.otherAdmin.token).post(startUrl(graphBox.id));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('is for admins only', async () => {
    expect((await api(app, w.agent.token).post(startUrl(graphBox.id))).status).toBe(403);
    expect((await api(app, w.customer.token).post(startUrl(graphBox.id))).status).toBe(403);
  });

  it('refuses a malformed id, an unknown mailbox and a mailbox without an OAuth provider', async () => {
    const bad = await api(app, w.admin.token).post(startUrl('not-a-uuid'));
    expect(bad.status).toBe(422);
    expect(fieldsOf(bad.body)).toEqual(['id']);
    expect((await api(app, w.admin.token).post(startUrl(crypto.randomUUID()))).status).toBe(404);

    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    await insertMailbox(rt.db, {
      id, tenant_id: w.tenantId, name: 'plain imap', kind: 'imap', host: '127.0.0.1', port: 993, username: 'x', secret_enc: rt.secrets.seal('pw'),
      oauth_provider: null, oauth_config: null, oauth_refresh_enc: null, oauth_access_enc: null, oauth_expires_at: null,
      archive_folder: null, department_id: null, last_error: null, last_scan_at: null, last_success_at: null, uid_validity: null, last_uid: null,
      created_at: now, updated_at: now,
    });
    const plain = await api(app, w.admin.token).post(startUrl(id));
    expect(plain.status).toBe(422);
    expect(fieldsOf(plain.body)).toEqual(['oauth_provider']);

    await updateMailbox(rt.db, w.tenantId, id, { oauth_provider: 'google', oauth_config: '{"client_id": ""}' });
    const noClient = await api(app, w.admin.token).post(startUrl(id));
    expect(noClient.status).toBe(422);
    expect(fieldsOf(noClient.body)).toEqual(['oauth_config.client_id']);
  });

  it("gives Microsoft's authorization URL with PKCE and the Graph scope", async () => {
    const url = new URL(await start(graphBox.id));
    expect(`${url.origin}${url.pathname}`).toBe(oauth.authorizeUrl);
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({
      client_id: oauth.clientId, response_type: 'code', redirect_uri: `${BASE}${CALLBACK}`,
      scope: 'offline_access https://graph.microsoft.com/Mail.ReadWrite', code_challenge_method: 'S256',
      response_mode: 'query', login_hint: 'soporte@contoso.example',
    });
    expect(q.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(q.state.split('.')).toHaveLength(3);
  });

  it("gives Google's URL with offline access and consent, and the right scope per kind", async () => {
    const gmail = await insertOAuthMailbox(rt, { kind: 'gmail', provider: 'google', oauth });
    const q = Object.fromEntries(new URL(await start(gmail.id)).searchParams);
    expect(q).toMatchObject({ scope: 'https://www.googleapis.com/auth/gmail.modify', access_type: 'offline', prompt: 'consent' });
    const imap = await insertOAuthMailbox(rt, { kind: 'imap', provider: 'microsoft', oauth });
    expect(new URL(await start(imap.id)).searchParams.get('scope')).toBe('offline_access https://outlook.office.com/IMAP.AccessAsUser.All');
    const gimap = await insertOAuthMailbox(rt, { kind: 'imap', provider: 'google', oauth });
    expect(new URL(await start(gimap.id)).searchParams.get('scope')).toBe('https://mail.google.com/');
  });
});

describe('GET /tickets/api/oauth/callback/', () => {
  it('connects the mailbox: tokens stored sealed, state ok, an event, a page saying so', async () => {
    await updateMailbox(rt.db, w.tenantId, graphBox.id, { state: 'needs_reauth', last_error: 'refused earlier' });
    const authorizationUrl = await start(graphBox.id);
    const back = await consent(authorizationUrl);

    const res = await app.inject({ method: 'GET', url: back });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body.startsWith('<!doctype html>')).toBe(true);
    expect(res.body).toContain('Mailbox connected');
    expect(res.body).toContain('Soporte &#60;M365&#62;');

    const exchange = oauth.requests.at(-1)!;
    expect(exchange.grantType).toBe('authorization_code');
    expect(exchange.params).toMatchObject({
      client_id: oauth.clientId, client_secret: oauth.clientSecret!, redirect_uri: `${BASE}${CALLBACK}`,
      scope: 'offline_access https://graph.microsoft.com/Mail.ReadWrite',
    });
    // The verifier went to the token endpoint only: the state that crossed the browser hides it.
    const state = new URL(authorizationUrl).searchParams.get('state')!;
    const statePayload = Buffer.from(state.split('.')[1]!, 'base64url').toString('utf8');
    expect(statePayload).not.toContain(exchange.params.code_verifier!);

    const row = (await findMailbox(rt.db, w.tenantId, graphBox.id))!;
    expect(row).toMatchObject({ state: 'ok', last_error: null });
    const access = rt.secrets.open(row.oauth_access_enc!);
    const refresh = rt.secrets.open(row.oauth_refresh_enc!);
    expect(oauth.isValidAccessToken(access)).toBe(true);
    expect(refresh).toMatch(/^rt-/);
    expect(Date.parse(row.oauth_expires_at!)).toBeGreaterThan(Date.now() + 3500_000);
    // Nowhere in the database in plain text: the mailbox, the event log, the job queue.
    const dump = JSON.stringify([
      await rt.db.selectFrom('mailboxes').selectAll().execute(),
      await rt.db.selectFrom('events').selectAll().execute(),
      await rt.db.selectFrom('jobs').selectAll().execute(),
    ]);
    expect(dump).not.toContain(access);
    expect(dump).not.toContain(refresh);

    const events = await rt.db.selectFrom('events').selectAll().where('name', '=', 'mailbox.connected').execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ tenant_id: w.tenantId, subject_type: 'mailbox', subject_id: graphBox.id, actor_id: w.admin.user.id });
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ provider: 'microsoft', previous_state: 'needs_reauth' });

    // The same code a second time: the provider refuses it, nothing changes.
    const again = await app.inject({ method: 'GET', url: back });
    expect(again.statusCode).toBe(502);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(again.body).detail).toContain('invalid_grant');
    expect((await findMailbox(rt.db, w.tenantId, graphBox.id))!.oauth_refresh_enc).toBe(row.oauth_refresh_enc);
  });

  it('refuses a missing, forged or tampered state', async () => {
    const missing = await api(app).get(`${CALLBACK}?code=abc`);
    expect(missing.status).toBe(422);
    expect(fieldsOf(missing.body)).toEqual(['state']);

    const forged = await api(app).get(`${CALLBACK}?code=abc&state=eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJ4In0.c2ln`);
    expect(forged.status).toBe(422);
    expect(fieldsOf(forged.body)).toEqual(['state']);

    const state = new URL(await start(graphBox.id)).searchParams.get('state')!;
    const [h, p, sig] = state.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8'));
    const tampered = [h, Buffer.from(JSON.stringify({ ...claims, tid: w.otherTenantId })).toString('base64url'), sig].join('.');
    const res = await api(app).get(`${CALLBACK}?code=abc&state=${encodeURIComponent(tampered)}`);
    expect(res.status).toBe(422);
    expect(fieldsOf(res.body)).toEqual(['state']);
    expect(oauth.requests.filter((r) => r.params.code === 'abc')).toEqual([]);
  });

  it('refuses a state older than ten minutes', async () => {
    const back = await consent(await start(graphBox.id));
    const before = oauth.requests.length;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 11 * 60_000);
    const res = await api(app).get(back);
    expect(res.status).toBe(422);
    expect(fieldsOf(res.body)).toEqual(['state']);
    expect(oauth.requests.length).toBe(before);
  });

  it('reports a refusal at the provider as a problem, and changes nothing', async () => {
    const state = new URL(await start(graphBox.id)).searchParams.get('state')!;
    const before = await findMailbox(rt.db, w.tenantId, graphBox.id);
    const res = await api(app).get(`${CALLBACK}?error=access_denied&error_description=${encodeURIComponent('The user declined.')}&state=${encodeURIComponent(state)}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: expect.stringContaining('oauth-provider-error'), detail: expect.stringContaining('access_denied') });
    expect(await findMailbox(rt.db, w.tenantId, graphBox.id)).toEqual(before);
  });

  it('refuses to finish for an admin who lost the role meanwhile', async () => {
    const back = await consent(await start(graphBox.id));
    await updateUserRow(rt.db, w.tenantId, w.admin.user.id, { role: 'agent' });
    try {
      const res = await api(app).get(back);
      expect(res.status).toBe(403);
    } finally {
      await updateUserRow(rt.db, w.tenantId, w.admin.user.id, { role: 'admin' });
    }
  });
});
