import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartment } from '../../../domain/departments/create-department.ts';
import type { Runtime } from '../../../runtime.ts';
import { eml } from '../../../../test/helpers/mail.ts';
import { insertDovecotMailbox, startDovecot, startIntrospection, type Dovecot, type Introspection } from '../../../../test/helpers/dovecot.ts';
import { connectMailbox, insertOAuthMailbox, startOAuthServer, type OAuthServer } from '../../../../test/helpers/oauth-server.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import { buildWorld } from '../../../../test/helpers/world.ts';
import { findMailbox, updateMailbox, type MailboxRow } from '../mailboxes.repo.ts';
import { scanImapMailbox } from './imap-source.ts';

let t: TestRuntime;
let rt: Runtime;
let d: Dovecot;
let oauth: OAuthServer;
let intro: Introspection;
const QUEUE = 'help@imap.example';
const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'oauthuser', 'xuser'].map((name) => ({ name, password: `pw-${name}` }));

const drain = async () => { while ((await rt.worker.runOnce()) > 0) { /* until idle */ } };
const mail = (subject: string, extra: Partial<Parameters<typeof eml>[0]> = {}) => eml({ from: 'Carla <carla@customer.example>', to: QUEUE, subject, body: `About ${subject}.`, ...extra });
const html = (subject: string) => Buffer.from([
  'From: Hugo <hugo@customer.example>', `To: ${QUEUE}`, `Subject: ${subject}`, `Message-ID: <${crypto.randomUUID()}@customer.example>`,
  'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8', '', `<p>Hello <b>${subject}</b></p>`, '',
].join('\r\n'));
const reload = async (m: MailboxRow) => (await findMailbox(rt.db, m.tenant_id, m.id))!;
const ticketSubjects = async () => (await rt.db.selectFrom('tickets').select('subject').execute()).map((r) => r.subject);

/** Flags of every message in a folder of the user's mailbox, by subject. */
async function serverFlags(user: string, folder = 'INBOX'): Promise<Array<{ subject: string; seen: boolean }>> {
  const c = await d.imap(user);
  try {
    const box = await c.mailboxOpen(folder, { readOnly: true });
    if (!box.exists) return [];
    const out: Array<{ subject: string; seen: boolean }> = [];
    for await (const m of c.fetch('1:*', { envelope: true, flags: true })) out.push({ subject: m.envelope?.subject ?? '', seen: m.flags?.has('\\Seen') ?? false });
    return out;
  } finally {
    await c.logout();
  }
}

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  await buildWorld(rt);
  await createDepartment(rt.systemCtx(rt.defaultTenantId), { name: 'IMAP Help', addresses: [QUEUE] });
  oauth = await startOAuthServer();
  intro = await startIntrospection((token) => (oauth.isValidAccessToken(token) ? 'oauthuser' : token === 'static-token' ? 'xuser' : null));
  d = await startDovecot({ users, oauth2: { introspectionUrl: intro.url } });
});
afterAll(async () => {
  await d?.stop();
  await intro?.close();
  await oauth?.close();
  await t.cleanup();
});

describe('IMAP mailboxes on a real Dovecot', () => {
  it('turns new mail into tickets, flags it \\Seen only after storing, and fetches nothing twice', async () => {
    d.deliver('alice', mail('Printer on fire'));
    d.deliver('alice', html('HTML newsletter question'));
    d.deliver('alice', mail('Invoice attached', { attachments: [{ filename: 'invoice.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 test') }] }));
    const mailbox = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'alice', password: 'pw-alice' });

    expect(await scanImapMailbox(rt, mailbox)).toEqual({ fetched: 3, stored: 3, duplicates: 0, failed: [] });
    await drain();
    expect(await ticketSubjects()).toEqual(expect.arrayContaining(['Printer on fire', 'HTML newsletter question', 'Invoice attached']));
    const inbound = await rt.db.selectFrom('inbound_messages').selectAll().where('mailbox_id', '=', mailbox.id).orderBy('source_ref').execute();
    const row = await reload(mailbox);
    expect(inbound.map((i) => [i.status, i.source, i.source_ref])).toEqual([1, 2, 3].map((uid) => ['processed', 'imap', `uid:${row.uid_validity}:${uid}`]));
    expect(row).toMatchObject({ last_uid: 3 });
    expect((await serverFlags('alice')).every((m) => m.seen)).toBe(true);

    expect(await scanImapMailbox(rt, await reload(mailbox))).toEqual({ fetched: 0, stored: 0, duplicates: 0, failed: [] });
    d.deliver('alice', mail('One more'));
    expect(await scanImapMailbox(rt, await reload(mailbox))).toMatchObject({ fetched: 1, stored: 1 });
    expect((await reload(mailbox)).last_uid).toBe(4);
  });

  it('moves mail to the archive folder when one is set', async () => {
    const c = await d.imap('bob');
    await c.mailboxCreate('Processed');
    await c.logout();
    d.deliver('bob', mail('Archive me 1'));
    d.deliver('bob', mail('Archive me 2'));
    const mailbox = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'bob', password: 'pw-bob', archiveFolder: 'Processed' });
    expect(await scanImapMailbox(rt, mailbox)).toMatchObject({ fetched: 2, stored: 2 });
    expect(await serverFlags('bob')).toEqual([]);
    expect(await serverFlags('bob', 'Processed')).toEqual([{ subject: 'Archive me 1', seen: true }, { subject: 'Archive me 2', seen: true }]);
  });

  it('refuses to start when the archive folder does not exist, taking nothing', async () => {
    d.deliver('bob', mail('Stays put'));
    const mailbox = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'bob', password: 'pw-bob', archiveFolder: 'Nowhere' });
    await expect(scanImapMailbox(rt, mailbox)).rejects.toThrow(/archive folder "Nowhere"/);
    expect(await serverFlags('bob')).toEqual([{ subject: 'Stays put', seen: false }]);
  });

  it('starts over when UIDVALIDITY changes, and deduplication keeps that harmless', async () => {
    const a = mail('Validity one');
    const b = mail('Validity two');
    const c = await d.imap('carol');
    await c.mailboxCreate('Support');
    await c.append('Support', a);
    await c.append('Support', b);
    const mailbox = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'carol', password: 'pw-carol', folder: 'Support' });
    expect(await scanImapMailbox(rt, mailbox)).toMatchObject({ fetched: 2, stored: 2, duplicates: 0 });
    const before = (await reload(mailbox)).uid_validity;

    // Recreating the folder gives it a new UIDVALIDITY and numbers its messages from 1 again.
    await c.mailboxDelete('Support');
    await c.mailboxCreate('Support');
    await c.append('Support', a);
    await c.append('Support', b);
    await c.append('Support', mail('Validity three'));
    await c.logout();
    expect(await scanImapMailbox(rt, await reload(mailbox))).toEqual({ fetched: 3, stored: 1, duplicates: 2, failed: [] });
    const after = await reload(mailbox);
    expect(after.uid_validity).not.toBe(before);
    expect(after.last_uid).toBe(3);
    expect((await serverFlags('carol', 'Support')).every((m) => m.seen)).toBe(true);
  });

  it('takes mail that arrived already read after the last scan, but not older read mail', async () => {
    const c = await d.imap('dave');
    await c.append('INBOX', mail('Read before Parley existed'), ['\\Seen']);
    const mailbox = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'dave', password: 'pw-dave' });
    expect(await scanImapMailbox(rt, mailbox)).toMatchObject({ fetched: 0 });
    await c.append('INBOX', mail('Read in another client first'), ['\\Seen']);
    await c.logout();
    expect(await scanImapMailbox(rt, await reload(mailbox))).toMatchObject({ fetched: 1, stored: 1 });
  });

  it('skips a message over 50 MB and goes on with the others; streams a large one intact', async () => {
    const big = Buffer.concat([Buffer.from(`From: a@customer.example\r\nTo: ${QUEUE}\r\nSubject: Huge\r\nMessage-ID: <huge@customer.example>\r\n\r\n`), Buffer.alloc(51 * 1024 * 1024, 'x')]);
    const large = mail('Three megabytes', { attachments: [{ filename: 'scan.bin', contentType: 'application/octet-stream', content: Buffer.alloc(3 * 1024 * 1024, 7) }] });
    d.deliver('erin', mail('Before the huge one'));
    d.deliver('erin', big);
    d.deliver('erin', large);
    const mailbox = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'erin', password: 'pw-erin' });
    const result = await scanImapMailbox(rt, mailbox);
    expect(result).toMatchObject({ fetched: 2, stored: 2 });
    expect(result.failed).toEqual([{ ref: expect.stringMatching(/^uid:\d+:2$/), error: expect.stringContaining('over the 52428800 byte limit') }]);
    const stored = await rt.db.selectFrom('inbound_messages').innerJoin('inbound_raw', 'inbound_raw.inbound_id', 'inbound_messages.id')
      .select(['inbound_raw.raw']).where('inbound_messages.subject', '=', 'Three megabytes').executeTakeFirstOrThrow();
    expect(Buffer.compare(Buffer.from(stored.raw), large)).toBe(0);
    expect(await serverFlags('erin')).toEqual([
      { subject: 'Before the huge one', seen: true }, { subject: 'Huge', seen: false }, { subject: 'Three megabytes', seen: true },
    ]);
  });

  it('speaks TLS and STARTTLS, verifying the certificate', async () => {
    d.deliver('frank', mail('Over TLS'));
    const tls = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'frank', password: 'pw-frank', security: 'tls' });
    await expect(scanImapMailbox(rt, tls)).rejects.toThrow(/self[- ]signed|certificate/i);
    expect(await scanImapMailbox(rt, tls, { ca: d.ca })).toMatchObject({ fetched: 1, stored: 1 });
    d.deliver('frank', mail('Over STARTTLS'));
    const starttls = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'frank', password: 'pw-frank', security: 'starttls' });
    expect(await scanImapMailbox(rt, starttls, { ca: d.ca })).toMatchObject({ fetched: 1, stored: 1 });
  });

  it('allows plain text only to this machine, and names a refused login', async () => {
    const remote = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'frank', password: 'pw-frank', host: 'imap.example.com' });
    await expect(scanImapMailbox(rt, remote)).rejects.toThrow(/only allowed for a server on this machine/);
    const wrong = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'frank', password: 'nope' });
    await expect(scanImapMailbox(rt, wrong)).rejects.toThrow(/Authentication failed/i);
  });
});

describe('IMAP with OAuth2 through Dovecot\'s oauth2 passdb', () => {
  it('logs in with the stored access token, and refreshes one the server refuses', async () => {
    let mailbox = await insertOAuthMailbox(rt, { kind: 'imap', provider: 'microsoft', oauth, username: 'oauthuser' });
    await updateMailbox(rt.db, mailbox.tenant_id, mailbox.id, { host: '127.0.0.1', port: d.imapPort, security: 'none', auth: 'xoauth2' });
    mailbox = await connectMailbox(rt, oauth, await reload(mailbox));
    d.deliver('oauthuser', mail('Through OAuth'));
    expect(await scanImapMailbox(rt, mailbox)).toMatchObject({ fetched: 1, stored: 1 });
    expect(d.log()).toMatch(/user=<oauthuser>, method=OAUTHBEARER/);
    const stored = rt.secrets.open(mailbox.oauth_access_enc!);
    expect(intro.requests).toContain(stored);

    // Revoked before its stated expiry: the login fails once, the token is refreshed, and it works.
    oauth.revokeAccess(stored);
    d.deliver('oauthuser', mail('After a revoked token'));
    const refreshes = oauth.requests.filter((r) => r.grantType === 'refresh_token').length;
    expect(await scanImapMailbox(rt, await reload(mailbox))).toMatchObject({ fetched: 1, stored: 1 });
    expect(oauth.requests.filter((r) => r.grantType === 'refresh_token').length).toBe(refreshes + 1);
    expect(rt.secrets.open((await reload(mailbox)).oauth_access_enc!)).not.toBe(stored);
  });

  it('uses XOAUTH2 where the server offers only that', async () => {
    const x = await startDovecot({ users: [{ name: 'xuser', password: 'pw-x' }], oauth2: { introspectionUrl: intro.url }, mechanisms: ['plain', 'login', 'xoauth2'] });
    try {
      x.deliver('xuser', mail('Through XOAUTH2'));
      const mailbox = await insertDovecotMailbox(rt, x, { kind: 'imap', user: 'xuser', password: null, auth: 'xoauth2' });
      expect(await scanImapMailbox(rt, mailbox, { credentials: { method: 'xoauth2', user: 'xuser', accessToken: 'static-token' } })).toMatchObject({ fetched: 1, stored: 1 });
      expect(x.log()).toMatch(/user=<xuser>, method=XOAUTH2/);
      await expect(scanImapMailbox(rt, mailbox, { credentials: { method: 'xoauth2', user: 'xuser', accessToken: 'wrong' } })).rejects.toThrow(/Authentication failed/i);
    } finally {
      await x.stop();
    }
  });
});
