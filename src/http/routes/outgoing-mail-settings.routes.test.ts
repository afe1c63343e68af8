import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { verifyDkim } from '../../../test/helpers/dkim-verify.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import { startSmtpAuthSink, type SmtpAuthSink } from '../../../test/helpers/smtp-auth-sink.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { createMailbox } from '../../domain/mailboxes/create-mailbox.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let s: SmtpAuthSink;
const PASSWORD = 'right horse battery staple';

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
  s = await startSmtpAuthSink({ users: { 'help@example.com': PASSWORD } });
});
afterAll(async () => { await stopApiTest({ t, app }); await s?.close(); });

/** PUT with a JSON body (the shared client has no put). */
async function put(token: string | undefined, url: string, body: unknown) {
  const res = await app.inject({ method: 'PUT', url, headers: { ...(token && { authorization: `Bearer ${token}` }), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  return { status: res.statusCode, body: JSON.parse(res.body || 'null'), raw: res.body };
}
const TENANT = '/tickets/api/outgoing-mail/';
const smtpBody = (over: Record<string, unknown> = {}) => ({ kind: 'smtp', host: '127.0.0.1', port: s.port, security: 'none', username: 'help@example.com', password: PASSWORD, ...over });

describe('/tickets/api/outgoing-mail/', () => {
  it('answers 401 anonymous, 403 to agents and customers', async () => {
    expect((await api(app).get(TENANT)).status).toBe(401);
    expect((await put(undefined, TENANT, smtpBody())).status).toBe(401);
    expect((await api(app, w.agent.token).get(TENANT)).status).toBe(403);
    expect((await put(w.agent.token, TENANT, smtpBody())).status).toBe(403);
    expect((await api(app, w.customer.token).post(`${TENANT}test/`, { to: 'x@example.com' })).status).toBe(403);
    expect((await api(app, w.agent.token).delete(TENANT)).status).toBe(403);
  });

  it('shows that nothing is configured, then stores a server whose password is never returned', async () => {
    expect((await api(app, w.admin.token).get(TENANT)).body).toEqual({ department: null, setting: null, effective: 'none', install_transport: false, waiting: null });
    const res = await put(w.admin.token, TENANT, smtpBody());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ effective: 'tenant', setting: { kind: 'smtp', host: '127.0.0.1', port: s.port, security: 'none', username: 'help@example.com', has_password: true, version: 1 } });
    expect(res.raw).not.toContain(PASSWORD);
    const sealed = await t.rt.db.selectFrom('outgoing_transports').select('password_enc').executeTakeFirstOrThrow();
    expect(sealed.password_enc).not.toContain(PASSWORD);
    // Sent again without the password, for the same host and login, it keeps the stored one.
    const again = await put(w.admin.token, TENANT, smtpBody({ password: undefined }));
    expect(again.body.setting).toMatchObject({ has_password: true, version: 2 });
    // Another host drops it: the password goes only where it was given for.
    const moved = await put(w.admin.token, TENANT, smtpBody({ host: 'localhost', password: undefined }));
    expect(moved.status).toBe(422);
  });

  it('sends a test mail, and reports the SMTP server\'s refusal in its own words', async () => {
    await put(w.admin.token, TENANT, smtpBody());
    const ok = await api(app, w.admin.token).post(`${TENANT}test/`, { to: 'rita@example.com' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ sent: true, source: 'tenant', method: 'smtp', error: null });
    expect(s.messages.at(-1)!.parsed.messageId).toBe(ok.body.message_id);

    await put(w.admin.token, TENANT, smtpBody({ password: 'wrong' }));
    const refused = await api(app, w.admin.token).post(`${TENANT}test/`, { to: 'rita@example.com' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ sent: false, source: 'tenant', method: 'smtp', smtp: { code: 'EAUTH', response_code: 535, command: 'AUTH PLAIN' } });
    expect(refused.body.error).toMatch(/535 5\.7\.8 Username and Password not accepted/);
  });

  it('refuses bad input with 422 and changes nothing', async () => {
    await put(w.admin.token, TENANT, smtpBody());
    const before = await api(app, w.admin.token).get(TENANT);
    const cases: Array<[unknown, string[]]> = [
      [{ kind: 'smtp', host: 'smtp.example.com', security: 'none' }, ['security']],
      [{ kind: 'smtp', host: 'smtp.example.com', username: 'someone@example.com' }, ['password']],
      [{ kind: 'mailbox', mailbox: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }, ['mailbox']],
      [{ kind: 'smtp', host: 'bad host!' }, ['host']],
      [{ kind: 'carrier-pigeon' }, ['kind']],
      [{ kind: 'smtp', host: 'smtp.example.com', extra: 1 }, []],
    ];
    for (const [body, fields] of cases) {
      const res = await put(w.admin.token, TENANT, body);
      expect([400, 422]).toContain(res.status);
      for (const f of fields) expect(JSON.stringify(res.body.errors ?? res.body)).toContain(f);
    }
    // A password mailbox cannot send by OAuth.
    const box = await createMailbox(t.rt.systemCtx(t.rt.defaultTenantId), t.rt.secrets, { name: 'Plain', kind: 'imap', host: '127.0.0.1', port: 1, security: 'none', username: 'u', password: 'p' });
    expect((await put(w.admin.token, TENANT, { kind: 'mailbox', mailbox: box.id })).status).toBe(422);
    expect((await api(app, w.admin.token).get(TENANT)).body).toEqual(before.body);
  });

  it("keeps one tenant's settings from another", async () => {
    await put(w.admin.token, TENANT, smtpBody());
    expect((await api(app, w.otherAdmin.token).get(TENANT)).body.setting).toBeNull();
    expect((await api(app, w.otherAdmin.token).delete(TENANT)).status).toBe(404);
    expect((await api(app, w.admin.token).get(TENANT)).body.setting).not.toBeNull();
  });

  it('removes the setting: the tenant falls back to SMTP_URL, or to nothing', async () => {
    await put(w.admin.token, TENANT, smtpBody());
    expect((await api(app, w.admin.token).delete(TENANT)).status).toBe(204);
    expect((await api(app, w.admin.token).get(TENANT)).body).toMatchObject({ setting: null, effective: 'none' });
    expect((await api(app, w.admin.token).delete(TENANT)).status).toBe(404);
  });
});

describe('/tickets/api/departments/{id}/outgoing-mail/', () => {
  const DEPT = () => `/tickets/api/departments/${w.salesDepartmentId}/outgoing-mail/`;

  it('overrides the tenant for one department; 404 for a department of another tenant or none', async () => {
    await put(w.admin.token, TENANT, smtpBody());
    expect((await api(app, w.admin.token).get(DEPT())).body).toMatchObject({ department: w.salesDepartmentId, setting: null, effective: 'tenant' });
    const res = await put(w.admin.token, DEPT(), smtpBody());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ department: w.salesDepartmentId, effective: 'department', setting: { has_password: true } });
    const test = await api(app, w.admin.token).post(`${DEPT()}test/`, { to: 'rita@example.com' });
    expect(test.body).toMatchObject({ sent: true, source: 'department' });
    expect((await api(app, w.otherAdmin.token).get(DEPT())).status).toBe(404);
    expect((await put(w.otherAdmin.token, DEPT(), smtpBody())).status).toBe(404);
    expect((await api(app, w.admin.token).get('/tickets/api/departments/987654/outgoing-mail/')).status).toBe(404);
    expect((await api(app, w.agent.token).get(DEPT())).status).toBe(403);
    expect((await api(app).get(DEPT())).status).toBe(401);
    expect((await api(app, w.admin.token).delete(DEPT())).status).toBe(204);
    expect((await api(app, w.admin.token).get(DEPT())).body.effective).toBe('tenant');
  });
});

describe('/tickets/api/outgoing-mail/dkim/', () => {
  it('generates a key, shows the TXT record to publish and never the private key; mail is signed with it', async () => {
    expect((await api(app, w.admin.token).get(`${TENANT}dkim/`)).body).toEqual({ dkim: null });
    expect((await put(w.agent.token, `${TENANT}dkim/`, { domain: 'example.com', selector: 'p1' })).status).toBe(403);
    const res = await put(w.admin.token, `${TENANT}dkim/`, { domain: 'Example.com', selector: 'parley' });
    expect(res.status).toBe(200);
    const key = res.body.dkim;
    expect(key).toMatchObject({ domain: 'example.com', selector: 'parley', dns_record: { name: 'parley._domainkey.example.com', type: 'TXT' } });
    expect(key.dns_record.value).toBe(`v=DKIM1; k=rsa; p=${key.public_key}`);
    expect(res.raw).not.toMatch(/PRIVATE KEY/);
    expect((await api(app, w.admin.token).get(`${TENANT}dkim/`)).body).toEqual(res.body);
    expect((await api(app, w.otherAdmin.token).get(`${TENANT}dkim/`)).body).toEqual({ dkim: null });

    await put(w.admin.token, TENANT, smtpBody());
    const sent = await api(app, w.admin.token).post(`${TENANT}test/`, { to: 'rita@example.com' });
    expect(sent.body.sent).toBe(true);
    // The test mail is signed like all the tenant's mail: publishing the record shown makes it verify.
    const got = s.messages.find((m) => m.parsed.messageId === sent.body.message_id)!;
    expect(verifyDkim(got.raw, key.public_key)).toMatchObject({ domain: 'example.com', selector: 'parley', bodyHashOk: true, signatureOk: true });
  });

  it('takes a PEM, refuses what is not an RSA key, and removes the key', async () => {
    expect((await put(w.admin.token, `${TENANT}dkim/`, { domain: 'example.com', selector: 'p2', private_key: 'not a key' })).status).toBe(422);
    expect((await put(w.admin.token, `${TENANT}dkim/`, { domain: 'not a domain', selector: 'p2' })).status).toBe(422);
    expect((await api(app, w.admin.token).delete(`${TENANT}dkim/`)).status).toBe(204);
    expect((await api(app, w.admin.token).delete(`${TENANT}dkim/`)).status).toBe(404);
  });
});
