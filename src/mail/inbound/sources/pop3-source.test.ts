import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartment } from '../../../domain/departments/create-department.ts';
import type { Runtime } from '../../../runtime.ts';
import { eml } from '../../../../test/helpers/mail.ts';
import { insertDovecotMailbox, startDovecot, startIntrospection, type Dovecot, type Introspection } from '../../../../test/helpers/dovecot.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import { buildWorld } from '../../../../test/helpers/world.ts';
import { scanPop3Mailbox } from './pop3-source.ts';

let t: TestRuntime;
let rt: Runtime;
let d: Dovecot;
let intro: Introspection;
const QUEUE = 'help@pop.example';

const drain = async () => { while ((await rt.worker.runOnce()) > 0) { /* until idle */ } };
const mail = (subject: string) => eml({ from: 'Paula <paula@customer.example>', to: QUEUE, subject, body: `About ${subject}.\r\n.A line that starts with a dot.` });
/** Subjects of the messages still in the user's INBOX. */
async function left(user: string): Promise<string[]> {
  const c = await d.imap(user);
  try {
    const box = await c.mailboxOpen('INBOX', { readOnly: true });
    if (!box.exists) return [];
    const out: string[] = [];
    for await (const m of c.fetch('1:*', { envelope: true })) out.push(m.envelope?.subject ?? '');
    return out;
  } finally {
    await c.logout();
  }
}

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  await buildWorld(rt);
  await createDepartment(rt.systemCtx(rt.defaultTenantId), { name: 'POP Help', addresses: [QUEUE] });
  intro = await startIntrospection((token) => (token === 'pop-token' ? 'quinn' : null));
  d = await startDovecot({ users: ['paula', 'quinn', 'rita', 'sam'].map((name) => ({ name, password: `pw-${name}` })), oauth2: { introspectionUrl: intro.url } });
});
afterAll(async () => {
  await d?.stop();
  await intro?.close();
  await t.cleanup();
});

describe('POP3 mailboxes on a real Dovecot', () => {
  it('turns mail into tickets and deletes it from the server only after storing it', async () => {
    const raws = [mail('Pop one'), mail('Pop two'), mail('Pop three')];
    for (const raw of raws) d.deliver('paula', raw);
    const mailbox = await insertDovecotMailbox(rt, d, { kind: 'pop3', user: 'paula', password: 'pw-paula' });
    expect(await scanPop3Mailbox(rt, mailbox)).toEqual({ fetched: 3, stored: 3, duplicates: 0, failed: [] });
    expect(await left('paula')).toEqual([]);
    await drain();
    const inbound = await rt.db.selectFrom('inbound_messages').innerJoin('inbound_raw', 'inbound_raw.inbound_id', 'inbound_messages.id')
      .select(['status', 'source', 'source_ref', 'ticket_id', 'raw', 'subject']).where('mailbox_id', '=', mailbox.id).orderBy('subject').execute();
    expect(inbound.map((i) => [i.subject, i.status, i.source])).toEqual([['Pop one', 'processed', 'pop3'], ['Pop three', 'processed', 'pop3'], ['Pop two', 'processed', 'pop3']]);
    expect(inbound.map((i) => i.source_ref)).toEqual([expect.stringMatching(/^uidl:\w+$/), expect.stringMatching(/^uidl:\w+$/), expect.stringMatching(/^uidl:\w+$/)]);
    // The bytes are the ones delivered: dot-stuffing undone, line ends kept.
    expect(Buffer.from(inbound[0].raw).toString()).toBe(raws[0].toString());
    const tickets = await rt.db.selectFrom('tickets').select('subject').where('id', 'in', inbound.map((i) => i.ticket_id!)).execute();
    expect(tickets.map((x) => x.subject).sort()).toEqual(['Pop one', 'Pop three', 'Pop two']);
    expect(await scanPop3Mailbox(rt, mailbox)).toEqual({ fetched: 0, stored: 0, duplicates: 0, failed: [] });
  });

  it('recognises mail it stored before but could not delete', async () => {
    const raw = mail('Fetched twice');
    d.deliver('rita', raw);
    const mailbox = await insertDovecotMailbox(rt, d, { kind: 'pop3', user: 'rita', password: 'pw-rita' });
    // As if an earlier session stored it and died before QUIT.
    const { receiveMessage } = await import('../receive-message.ts');
    await receiveMessage(rt, { tenantId: mailbox.tenant_id, mailboxId: mailbox.id, source: 'pop3', raw });
    expect(await scanPop3Mailbox(rt, mailbox)).toEqual({ fetched: 1, stored: 0, duplicates: 1, failed: [] });
    expect(await left('rita')).toEqual([]);
  });

  it('leaves a message over 50 MB on the server and takes the others', async () => {
    d.deliver('sam', mail('Small before'));
    d.deliver('sam', Buffer.concat([Buffer.from(`To: ${QUEUE}\r\nSubject: Huge pop\r\n\r\n`), Buffer.alloc(51 * 1024 * 1024, 'y')]));
    d.deliver('sam', mail('Small after'));
    const mailbox = await insertDovecotMailbox(rt, d, { kind: 'pop3', user: 'sam', password: 'pw-sam' });
    const result = await scanPop3Mailbox(rt, mailbox);
    expect(result).toMatchObject({ fetched: 2, stored: 2 });
    expect(result.failed).toEqual([{ ref: expect.stringMatching(/^uidl:/), error: expect.stringContaining('over the 52428800 byte limit') }]);
    expect(await left('sam')).toEqual(['Huge pop']);
  });

  it('speaks TLS and STLS with a verified certificate, and XOAUTH2', async () => {
    d.deliver('quinn', mail('Pop over TLS'));
    const tls = await insertDovecotMailbox(rt, d, { kind: 'pop3', user: 'quinn', password: 'pw-quinn', security: 'tls' });
    await expect(scanPop3Mailbox(rt, tls)).rejects.toThrow(/self[- ]signed|certificate/i);
    expect(await scanPop3Mailbox(rt, tls, { ca: d.ca })).toMatchObject({ fetched: 1, stored: 1 });
    d.deliver('quinn', mail('Pop over STLS'));
    const stls = await insertDovecotMailbox(rt, d, { kind: 'pop3', user: 'quinn', password: 'pw-quinn', security: 'starttls' });
    expect(await scanPop3Mailbox(rt, stls, { ca: d.ca })).toMatchObject({ fetched: 1, stored: 1 });
    d.deliver('quinn', mail('Pop over XOAUTH2'));
    const oauth = await insertDovecotMailbox(rt, d, { kind: 'pop3', user: 'quinn', password: null, auth: 'xoauth2' });
    expect(await scanPop3Mailbox(rt, oauth, { credentials: { method: 'xoauth2', user: 'quinn', accessToken: 'pop-token' } })).toMatchObject({ fetched: 1, stored: 1 });
    expect(d.log()).toMatch(/pop3-login: Info: Login: user=<quinn>, method=XOAUTH2/);
  });

  it('names a refused login and a closed port', async () => {
    const wrong = await insertDovecotMailbox(rt, d, { kind: 'pop3', user: 'quinn', password: 'nope' });
    await expect(scanPop3Mailbox(rt, wrong)).rejects.toThrow(/PASS: .*Authentication failed/);
    const closed = await insertDovecotMailbox(rt, d, { kind: 'pop3', user: 'quinn', password: 'pw-quinn', port: 1 });
    await expect(scanPop3Mailbox(rt, closed)).rejects.toThrow(/ECONNREFUSED/);
  });
});
