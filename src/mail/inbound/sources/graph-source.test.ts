import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphServer, type GraphServer } from '../../../../test/helpers/graph-server.ts';
import { eml } from '../../../../test/helpers/mail.ts';
import { connectMailbox, insertOAuthMailbox, startOAuthServer, type OAuthServer } from '../../../../test/helpers/oauth-server.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import { buildWorld } from '../../../../test/helpers/world.ts';
import type { Runtime } from '../../../runtime.ts';
import { deleteMailbox, findMailbox, updateMailbox, type MailboxRow } from '../mailboxes.repo.ts';
import { MailboxNeedsReauthError } from '../oauth/access-token.ts';
import { scanGraphMailbox } from './graph-source.ts';

const USER = 'soporte@contoso.example';

let t: TestRuntime;
let rt: Runtime;
let oauth: OAuthServer;
let graph: GraphServer;

beforeAll(async () => {
  oauth = await startOAuthServer();
  graph = await startGraphServer({ user: USER, isValidToken: (tok) => oauth.isValidAccessToken(tok) });
  t = await createTestRuntime();
  rt = t.rt;
  await buildWorld(rt); // department "Ventas" takes mail for ventas@example.com
});
afterAll(async () => {
  await t?.cleanup();
  await graph?.close();
  await oauth?.close();
});

const mailbox = async (props: { archiveFolder?: string; folder?: string } = {}): Promise<MailboxRow> =>
  connectMailbox(rt, oauth, await insertOAuthMailbox(rt, { kind: 'graph', provider: 'microsoft', oauth, username: USER, graphUrl: graph.url, ...props }));
const mail = (subject: string) => eml({ from: 'Cliente <cliente@customer.example>', to: 'ventas@example.com', subject, body: `Body of ${subject}` });
const inboundOf = (m: MailboxRow) => rt.db.selectFrom('inbound_messages').selectAll().where('mailbox_id', '=', m.id).orderBy('received_at').orderBy('id').execute();
const drain = async () => { while ((await rt.worker.runOnce()) > 0) { /* process stored mail */ } };
const sinceNow = () => { const from = graph.requests.length; return () => graph.requests.slice(from); };

describe('scanGraphMailbox', () => {
  it('stores unread mail, which the pipeline makes tickets of, and marks it read only after storing', async () => {
    const box = await mailbox();
    const ids = ['Graph uno', 'Graph dos', 'Graph tres'].map((s) => graph.add(mail(s)));
    const readAlready = graph.add(mail('Graph leído'));
    graph.messages.find((m) => m.id === readAlready)!.isRead = true;
    graph.add(mail('Graph otra carpeta'), 'sentitems');
    const requests = sinceNow();

    const result = await scanGraphMailbox(rt, box);
    expect(result).toEqual({ fetched: 3, stored: 3, duplicates: 0, failed: [] });
    const stored = await inboundOf(box);
    expect(stored.map((r) => [r.source, r.source_ref, r.subject])).toEqual(ids.map((id, i) => ['graph', `graph:${id}`, ['Graph uno', 'Graph dos', 'Graph tres'][i]]));
    for (const id of ids) {
      expect(graph.messages.find((m) => m.id === id)!.isRead).toBe(true);
      const mine = requests().filter((r) => decodeURIComponent(r).includes(id));
      expect(mine.map((r) => r.split(' ')[0])).toEqual(['GET', 'PATCH']);
      expect(decodeURIComponent(mine[0]!)).toContain(`/v1.0/users/${USER}/messages/${id}/$value`);
    }
    expect(decodeURIComponent(requests()[0]!)).toBe(`GET /v1.0/users/${USER}/mailFolders/inbox/messages?$filter=isRead eq false&$select=id&$top=50`);

    await drain();
    const processed = await inboundOf(box);
    expect(processed.map((r) => r.status)).toEqual(['processed', 'processed', 'processed']);
    const tickets = await rt.db.selectFrom('tickets').select(['subject', 'channel']).where('id', 'in', processed.map((r) => r.ticket_id!)).orderBy('subject').execute();
    expect(tickets).toEqual([
      { subject: 'Graph dos', channel: 'email' }, { subject: 'Graph tres', channel: 'email' }, { subject: 'Graph uno', channel: 'email' },
    ]);

    const again = sinceNow();
    expect(await scanGraphMailbox(rt, box)).toEqual({ fetched: 0, stored: 0, duplicates: 0, failed: [] });
    expect(again()).toHaveLength(1);
  });

  it('acknowledges nothing when storing fails', async () => {
    const box = await mailbox();
    const ids = [graph.add(mail('No guardado 1')), graph.add(mail('No guardado 2'))];
    // The row is gone from the database: every store fails on its foreign key.
    await deleteMailbox(rt.db, box.tenant_id, box.id);
    const result = await scanGraphMailbox(rt, box);
    expect(result).toMatchObject({ fetched: 2, stored: 0, duplicates: 0 });
    expect(result.failed.map((f) => f.ref).sort()).toEqual(ids.map((id) => `graph:${id}`).sort());
    for (const id of ids) expect(graph.messages.find((m) => m.id === id)!.isRead).toBe(false);
    for (const m of graph.messages.filter((x) => ids.includes(x.id))) m.isRead = true; // out of the way of later tests
  });

  it('keeps going when one message fails, and fetches that one on the next scan', async () => {
    const box = await mailbox();
    const [a, b, c] = ['Falla A', 'Falla B', 'Falla C'].map((s) => graph.add(mail(s)));
    graph.failMime(b!, 500);
    const first = await scanGraphMailbox(rt, box);
    expect(first).toMatchObject({ fetched: 2, stored: 2, duplicates: 0 });
    expect(first.failed).toEqual([{ ref: `graph:${b}`, error: expect.stringContaining('500') }]);
    expect([a, b, c].map((id) => graph.messages.find((m) => m.id === id)!.isRead)).toEqual([true, false, true]);

    graph.failMime(b!, null);
    expect(await scanGraphMailbox(rt, box)).toEqual({ fetched: 1, stored: 1, duplicates: 0, failed: [] });
    expect((await inboundOf(box)).map((r) => r.subject).sort()).toEqual(['Falla A', 'Falla B', 'Falla C']);
  });

  it('acknowledges a message stored before whose acknowledgement was lost, without storing it twice', async () => {
    const box = await mailbox();
    const id = graph.add(mail('Ack perdido'));
    await scanGraphMailbox(rt, box);
    graph.messages.find((m) => m.id === id)!.isRead = false;
    expect(await scanGraphMailbox(rt, box)).toEqual({ fetched: 1, stored: 0, duplicates: 1, failed: [] });
    expect(graph.messages.find((m) => m.id === id)!.isRead).toBe(true);
    expect(await inboundOf(box)).toHaveLength(1);
  });

  it('follows @odata.nextLink across pages', async () => {
    const box = await mailbox();
    for (let i = 0; i < 55; i++) graph.add(mail(`Página ${i}`));
    const requests = sinceNow();
    expect(await scanGraphMailbox(rt, box)).toMatchObject({ fetched: 55, stored: 55, failed: [] });
    expect(requests().filter((r) => r.includes('/mailFolders/'))).toHaveLength(2);
    expect(graph.messages.filter((m) => m.folder === 'inbox' && !m.isRead)).toEqual([]);
  });

  it('moves stored mail to the archive folder when one is set', async () => {
    const box = await mailbox({ archiveFolder: 'archive' });
    const id = graph.add(mail('Archivar'));
    const msg = graph.messages.find((m) => m.id === id)!;
    expect(await scanGraphMailbox(rt, box)).toMatchObject({ stored: 1, failed: [] });
    expect(msg.folder).toBe('archive');
    expect(msg.id).not.toBe(id);
  });

  it('waits out throttling (429 Retry-After) and refreshes a token the API refuses', async () => {
    const box = await mailbox();
    graph.add(mail('Tras la espera'));
    graph.throttle(1, 1);
    const startedAt = Date.now();
    expect(await scanGraphMailbox(rt, box)).toMatchObject({ stored: 1, failed: [] });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);

    graph.add(mail('Token revocado'));
    oauth.revokeAccess(rt.secrets.open(box.oauth_access_enc!));
    const refreshes = oauth.requests.length;
    expect(await scanGraphMailbox(rt, box)).toMatchObject({ stored: 1, failed: [] });
    expect(oauth.requests.slice(refreshes).map((r) => r.grantType)).toEqual(['refresh_token']);
    expect(rt.secrets.open((await findMailbox(rt.db, box.tenant_id, box.id))!.oauth_access_enc!)).not.toBe(rt.secrets.open(box.oauth_access_enc!));
  });

  it('does not scan a mailbox that needs to be connected again', async () => {
    const box = await mailbox();
    await updateMailbox(rt.db, box.tenant_id, box.id, { state: 'needs_reauth', last_error: 'invalid_grant' });
    const requests = sinceNow();
    await expect(scanGraphMailbox(rt, (await findMailbox(rt.db, box.tenant_id, box.id))!)).rejects.toBeInstanceOf(MailboxNeedsReauthError);
    expect(requests()).toEqual([]);
  });
});
