import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGmailServer, type GmailServer } from '../../../../test/helpers/gmail-server.ts';
import { eml } from '../../../../test/helpers/mail.ts';
import { connectMailbox, insertOAuthMailbox, startOAuthServer, type OAuthServer } from '../../../../test/helpers/oauth-server.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import { buildWorld } from '../../../../test/helpers/world.ts';
import type { Runtime } from '../../../runtime.ts';
import { deleteMailbox, findMailbox, updateMailbox, type MailboxRow } from '../mailboxes.repo.ts';
import { MailboxNeedsReauthError } from '../oauth/access-token.ts';
import { scanGmailMailbox } from './gmail-source.ts';

let t: TestRuntime;
let rt: Runtime;
let oauth: OAuthServer;
let gmail: GmailServer;

beforeAll(async () => {
  oauth = await startOAuthServer({ rotate: false });
  gmail = await startGmailServer({ isValidToken: (tok) => oauth.isValidAccessToken(tok) });
  t = await createTestRuntime();
  rt = t.rt;
  await buildWorld(rt); // department "Ventas" takes mail for ventas@example.com
});
afterAll(async () => {
  await t?.cleanup();
  await gmail?.close();
  await oauth?.close();
});

const mailbox = async (props: { archiveFolder?: string; folder?: string } = {}): Promise<MailboxRow> =>
  connectMailbox(rt, oauth, await insertOAuthMailbox(rt, { kind: 'gmail', provider: 'google', oauth, gmailUrl: gmail.url, ...props }));
const mail = (subject: string) => eml({ from: 'Cliente <cliente@customer.example>', to: 'ventas@example.com', subject, body: `Cuerpo: ${subject} — ñandú` });
const inboundOf = (m: MailboxRow) => rt.db.selectFrom('inbound_messages').selectAll().where('mailbox_id', '=', m.id).orderBy('received_at').orderBy('id').execute();
const labelsOf = (id: string) => gmail.messages.find((m) => m.id === id)!.labelIds;
const drain = async () => { while ((await rt.worker.runOnce()) > 0) { /* process stored mail */ } };
const sinceNow = () => { const from = gmail.requests.length; return () => gmail.requests.slice(from); };

describe('scanGmailMailbox', () => {
  it('stores unread inbox mail, byte for byte, makes tickets of it, and marks it read only after storing', async () => {
    const box = await mailbox();
    const subjects = ['Gmail uno', 'Gmail dos', 'Gmail tres'];
    const raws = subjects.map(mail);
    const ids = raws.map((raw) => gmail.add(raw));
    const read = gmail.add(mail('Gmail leído'));
    gmail.messages.find((m) => m.id === read)!.labelIds = ['INBOX'];
    const elsewhere = gmail.add(mail('Gmail etiqueta'), ['Label_9']);
    const requests = sinceNow();

    expect(await scanGmailMailbox(rt, box)).toEqual({ fetched: 3, stored: 3, duplicates: 0, failed: [] });
    const stored = await inboundOf(box);
    expect(stored.map((r) => [r.source, r.source_ref, r.subject])).toEqual(ids.map((id, i) => ['gmail', `gmail:${id}`, subjects[i]]));
    const raw = await rt.db.selectFrom('inbound_raw').select('raw').where('inbound_id', '=', stored[0]!.id).executeTakeFirstOrThrow();
    expect(Buffer.from(raw.raw).equals(raws[0]!)).toBe(true);
    for (const id of ids) {
      expect(labelsOf(id)).toEqual(['INBOX']);
      expect(requests().filter((r) => r.includes(`/messages/${id}`)).map((r) => r.split('?')[0])).toEqual([
        `GET /gmail/v1/users/me/messages/${id}`, `POST /gmail/v1/users/me/messages/${id}/modify`,
      ]);
    }
    expect(labelsOf(elsewhere)).toContain('UNREAD');
    const list = new URL(requests()[0]!.split(' ')[1]!, gmail.url);
    expect(list.searchParams.get('q')).toBe('is:unread in:inbox');

    await drain();
    const processed = await inboundOf(box);
    expect(processed.map((r) => r.status)).toEqual(['processed', 'processed', 'processed']);
    const tickets = await rt.db.selectFrom('tickets').select('subject').where('id', 'in', processed.map((r) => r.ticket_id!)).orderBy('subject').execute();
    expect(tickets.map((x) => x.subject)).toEqual(['Gmail dos', 'Gmail tres', 'Gmail uno']);

    const again = sinceNow();
    expect(await scanGmailMailbox(rt, box)).toEqual({ fetched: 0, stored: 0, duplicates: 0, failed: [] });
    expect(again()).toHaveLength(1);
  });

  it('acknowledges nothing when storing fails', async () => {
    const box = await mailbox();
    const ids = [gmail.add(mail('Sin guardar 1')), gmail.add(mail('Sin guardar 2'))];
    await deleteMailbox(rt.db, box.tenant_id, box.id);
    const result = await scanGmailMailbox(rt, box);
    expect(result).toMatchObject({ fetched: 2, stored: 0 });
    expect(result.failed).toHaveLength(2);
    for (const id of ids) expect(labelsOf(id)).toContain('UNREAD');
    for (const id of ids) gmail.messages.find((m) => m.id === id)!.labelIds = ['INBOX'];
  });

  it('keeps going when one message fails, and fetches that one on the next scan', async () => {
    const box = await mailbox();
    const [a, b, c] = ['Error A', 'Error B', 'Error C'].map((s) => gmail.add(mail(s)));
    gmail.failGet(b!, 500);
    const first = await scanGmailMailbox(rt, box);
    expect(first).toMatchObject({ fetched: 2, stored: 2 });
    expect(first.failed).toEqual([{ ref: `gmail:${b}`, error: expect.stringContaining('Backend Error') }]);
    expect([a, b, c].map((id) => labelsOf(id!).includes('UNREAD'))).toEqual([false, true, false]);

    gmail.failGet(b!, null);
    expect(await scanGmailMailbox(rt, box)).toEqual({ fetched: 1, stored: 1, duplicates: 0, failed: [] });
    expect((await inboundOf(box)).map((r) => r.subject).sort()).toEqual(['Error A', 'Error B', 'Error C']);
  });

  it('pages with nextPageToken', async () => {
    const box = await mailbox();
    for (let i = 0; i < 105; i++) gmail.add(mail(`Lote ${i}`));
    const requests = sinceNow();
    expect(await scanGmailMailbox(rt, box)).toMatchObject({ fetched: 105, stored: 105, failed: [] });
    const lists = requests().filter((r) => /messages\?/.test(r)).map((r) => new URL(r.split(' ')[1]!, gmail.url).searchParams);
    expect(lists.map((p) => p.get('pageToken'))).toEqual([null, '100']);
    expect(gmail.messages.filter((m) => m.labelIds.includes('UNREAD') && m.labelIds.includes('INBOX'))).toEqual([]);
  });

  it('reads a label instead of the inbox, and archives under a label when one is set', async () => {
    const box = await mailbox({ folder: 'Label_Soporte', archiveFolder: 'Label_Hecho' });
    const id = gmail.add(mail('Por etiqueta'), ['INBOX', 'Label_Soporte']);
    const requests = sinceNow();
    expect(await scanGmailMailbox(rt, box)).toMatchObject({ stored: 1, failed: [] });
    expect(new URL(requests()[0]!.split(' ')[1]!, gmail.url).searchParams.get('q')).toBe('is:unread label:"Label_Soporte"');
    expect(labelsOf(id).sort()).toEqual(['INBOX', 'Label_Hecho', 'Label_Soporte']);

    const inboxBox = await mailbox({ archiveFolder: 'Label_Hecho' });
    const archived = gmail.add(mail('Archivada'));
    expect(await scanGmailMailbox(rt, inboxBox)).toMatchObject({ stored: 1, failed: [] });
    expect(labelsOf(archived)).toEqual(['Label_Hecho']);
  });

  it('refreshes an expired token first, keeping the refresh token Google did not rotate', async () => {
    const box = await mailbox();
    await updateMailbox(rt.db, box.tenant_id, box.id, { oauth_expires_at: new Date(Date.now() - 1000).toISOString() });
    gmail.add(mail('Con token nuevo'));
    expect(await scanGmailMailbox(rt, (await findMailbox(rt.db, box.tenant_id, box.id))!)).toMatchObject({ stored: 1, failed: [] });
    const row = (await findMailbox(rt.db, box.tenant_id, box.id))!;
    expect(oauth.requests.at(-1)!.grantType).toBe('refresh_token');
    expect(rt.secrets.open(row.oauth_refresh_enc!)).toBe(rt.secrets.open(box.oauth_refresh_enc!));
    expect(Date.parse(row.oauth_expires_at!)).toBeGreaterThan(Date.now());
  });

  it('does not scan a mailbox that needs to be connected again', async () => {
    const box = await mailbox();
    await updateMailbox(rt.db, box.tenant_id, box.id, { state: 'needs_reauth' });
    const requests = sinceNow();
    await expect(scanGmailMailbox(rt, (await findMailbox(rt.db, box.tenant_id, box.id))!)).rejects.toBeInstanceOf(MailboxNeedsReauthError);
    expect(requests()).toEqual([]);
  });
});
