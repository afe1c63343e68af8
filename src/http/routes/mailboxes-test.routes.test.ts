/** "Test connection" of IMAP and POP3 settings, saved or not, against a real Dovecot. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unroutable } from '../../domain/mailboxes/test-mailbox-connection.ts';
import { api } from '../../../test/helpers/api.ts';
import { freePort, type Dovecot } from '../../../test/helpers/dovecot.ts';
import { eml } from '../../../test/helpers/mail.ts';
import { soporteImap, startMailboxApiTest, stopMailboxApiTest } from '../../../test/helpers/mailbox-api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let dovecot: Dovecot;

beforeAll(async () => {
  ({ t, app, w, dovecot } = await startMailboxApiTest());
  dovecot.deliver('soporte', eml({ from: 'c@cliente.example', to: 'ventas@example.com', subject: 'Uno', body: 'Hola' }));
});
afterAll(async () => stopMailboxApiTest({ t, app, dovecot }));

const NEW = '/tickets/api/mailboxes/test/';
const imap = () => soporteImap(dovecot);
const countMailboxes = async () => (await t.rt.db.selectFrom('mailboxes').select('id').execute()).length;

describe('POST /tickets/api/mailboxes/test/ (unsaved settings)', () => {
  it('logs in to IMAP, opens the folder, counts its messages and stores nothing', async () => {
    const before = await countMailboxes();
    const res = await api(app, w.admin.token).post(NEW, imap());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, reason: null, error: null, details: { kind: 'imap', host: '127.0.0.1', port: dovecot.imapPort, folder: 'INBOX', messages: 1 } });
    expect(await countMailboxes()).toBe(before);
    // Nothing was fetched or marked: the message is still unseen in INBOX.
    const client = await dovecot.imap('soporte');
    try {
      await client.mailboxOpen('INBOX');
      expect((await client.search({ seen: false })) || []).toHaveLength(1);
    } finally {
      await client.logout();
    }
  });

  it('says the login was refused for a wrong password', async () => {
    const res = await api(app, w.admin.token).post(NEW, { ...imap(), password: 'wrong' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, reason: 'auth', error: expect.stringContaining('refused the password login of soporte') });
  });

  it('logs in to POP3 and counts the maildrop', async () => {
    const res = await api(app, w.admin.token).post(NEW, { ...imap(), kind: 'pop3', port: dovecot.pop3Port });
    expect(res.body).toMatchObject({ ok: true, details: { kind: 'pop3', messages: 1, folder: null } });
    const bad = await api(app, w.admin.token).post(NEW, { ...imap(), kind: 'pop3', port: dovecot.pop3Port, password: 'wrong' });
    expect(bad.body).toMatchObject({ ok: false, reason: 'auth' });
  });

  it('tells an unreachable server, a certificate it cannot trust and a missing folder apart', async () => {
    const a = api(app, w.admin.token);
    expect((await a.post(NEW, { ...imap(), port: await freePort() })).body).toMatchObject({ ok: false, reason: 'unreachable', error: expect.stringMatching(/ECONNREFUSED/) });
    // Dovecot's TLS port has a self-signed certificate: verified, so refused.
    expect((await a.post(NEW, { ...imap(), port: dovecot.imapsPort, security: 'tls' })).body).toMatchObject({ ok: false, reason: 'tls' });
    expect((await a.post(NEW, { ...imap(), folder: 'Nope' })).body).toMatchObject({ ok: false, reason: 'folder', error: expect.stringContaining('"Nope"') });
  });

  it('refuses link-local addresses (cloud metadata) and checks the settings like saving does', async () => {
    const a = api(app, w.admin.token);
    expect((await a.post(NEW, { ...imap(), host: '169.254.169.254', security: 'tls', port: 993 })).body)
      .toMatchObject({ ok: false, reason: 'config', error: expect.stringContaining('link-local') });
    const plain = await a.post(NEW, { ...imap(), host: 'imap.example.com' });
    expect(plain.status).toBe(422);
    expect(plain.body.errors).toEqual([expect.objectContaining({ field: 'security' })]);
    const gmail = await a.post(NEW, { kind: 'gmail' });
    expect(gmail.status).toBe(422);
    expect(gmail.body.errors).toEqual([expect.objectContaining({ field: 'kind' })]);
    expect(['169.254.1.1', '0.0.0.0', '224.0.0.1', 'fe80::1', '::ffff:169.254.169.254', 'fd00:ec2::254'].every(unroutable)).toBe(true);
    expect(['127.0.0.1', '10.0.0.5', '192.168.1.1', '::1', '2001:db8::1'].some(unroutable)).toBe(false);
  });

  it('needs an admin', async () => {
    expect((await api(app).post(NEW, imap())).status).toBe(401);
    expect((await api(app, w.agent.token).post(NEW, imap())).status).toBe(403);
    expect((await api(app, w.customer.token).post(NEW, imap())).status).toBe(403);
  });
});

describe('POST /tickets/api/mailboxes/:id/test/ (a saved mailbox)', () => {
  it('uses the stored password, or the unsaved changes sent, and changes nothing', async () => {
    const a = api(app, w.admin.token);
    const created = await a.post('/tickets/api/mailboxes/', { name: 'Probar', ...imap() });
    expect(created.status).toBe(201);
    const url = `/tickets/api/mailboxes/${created.body.id}/test/`;
    expect((await a.post(url)).body).toMatchObject({ ok: true, details: { messages: 1 } });
    expect((await a.post(url, { password: 'otra' })).body).toMatchObject({ ok: false, reason: 'auth' });
    // The wrong password was only tried: the mailbox still has its own, and its state.
    expect((await a.post(url)).body.ok).toBe(true);
    expect((await a.get(`/tickets/api/mailboxes/${created.body.id}/`)).body).toMatchObject({ state: 'ok', last_error: null, updated_at: created.body.updated_at });
    expect((await api(app, w.otherAdmin.token).post(url)).status).toBe(404);
    expect((await api(app, w.agent.token).post(url)).status).toBe(403);
  });
});
