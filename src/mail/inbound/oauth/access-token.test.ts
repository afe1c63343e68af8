import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMailbox, insertOAuthMailbox, startOAuthServer, type OAuthServer } from '../../../../test/helpers/oauth-server.ts';
import { startSmtpSink, type SmtpSink } from '../../../../test/helpers/smtp-sink.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../../test/helpers/world.ts';
import { createUser } from '../../../domain/users/create-user.ts';
import { updateUserRow } from '../../../domain/users/users.repo.ts';
import { bindTask } from '../../../jobs/define-task.ts';
import { Worker } from '../../../jobs/worker.ts';
import type { Runtime } from '../../../runtime.ts';
import { findMailbox, updateMailbox, type MailboxRow } from '../mailboxes.repo.ts';
import { getMailboxAccessToken, MailboxNeedsReauthError } from './access-token.ts';
import { MAILBOX_ALERT_TASK, mailboxAlertTask } from './mailbox-alert.task.ts';
import { OAuthTokenError } from './token-endpoint.ts';

let sink: SmtpSink;
let t: TestRuntime;
let rt: Runtime;
let w: World;
let oauth: OAuthServer;

beforeAll(async () => {
  sink = await startSmtpSink();
  oauth = await startOAuthServer();
  t = await createTestRuntime({ SMTP_URL: sink.url, PARLEY_MAIL_FROM: 'Parley <parley@help.example>', PARLEY_BASE_URL: 'https://help.example' });
  rt = t.rt;
  w = await buildWorld(rt);
  while ((await rt.worker.runOnce()) > 0) { /* drain the set-up's jobs */ }
});
afterAll(async () => {
  await t?.cleanup();
  await oauth?.close();
  await sink?.close();
});

const reload = async (m: MailboxRow) => (await findMailbox(rt.db, m.tenant_id, m.id))!;
const refreshes = () => oauth.requests.filter((r) => r.grantType === 'refresh_token');
/** A connected mailbox whose access token has `seconds` left. */
const connected = async (seconds: number, kind: 'graph' | 'gmail' = 'graph') =>
  connectMailbox(rt, oauth, await insertOAuthMailbox(rt, { kind, provider: kind === 'graph' ? 'microsoft' : 'google', oauth }), seconds);

describe('getMailboxAccessToken', () => {
  it('returns the stored token while it has more than five minutes left', async () => {
    const box = await connected(600);
    const before = refreshes().length;
    const token = await getMailboxAccessToken(rt, box);
    expect(token).toBe(rt.secrets.open(box.oauth_access_enc!));
    expect(refreshes().length).toBe(before);
  });

  it('refreshes before expiry and saves the rotated refresh token in the same update', async () => {
    const box = await connected(240);
    const oldRefresh = rt.secrets.open(box.oauth_refresh_enc!);
    const before = refreshes().length;

    const token = await getMailboxAccessToken(rt, box);
    expect(refreshes().length).toBe(before + 1);
    expect(refreshes().at(-1)!.params).toMatchObject({
      refresh_token: oldRefresh, client_id: oauth.clientId, client_secret: oauth.clientSecret!,
      scope: 'offline_access https://graph.microsoft.com/Mail.ReadWrite',
    });
    expect(oauth.isValidAccessToken(token)).toBe(true);
    const row = await reload(box);
    expect(rt.secrets.open(row.oauth_access_enc!)).toBe(token);
    expect(Date.parse(row.oauth_expires_at!)).toBeGreaterThan(Date.now() + 3500_000);
    const newRefresh = rt.secrets.open(row.oauth_refresh_enc!);
    expect(newRefresh).not.toBe(oldRefresh);
    expect(JSON.stringify(row)).not.toContain(newRefresh);

    // The stale row still names the old token: the re-read finds the new one, no second refresh.
    expect(await getMailboxAccessToken(rt, box)).toBe(token);
    expect(refreshes().length).toBe(before + 1);
    // The rotated token works; the old one was spent.
    await updateMailbox(rt.db, box.tenant_id, box.id, { oauth_expires_at: new Date(Date.now() + 60_000).toISOString() });
    await getMailboxAccessToken(rt, await reload(box));
    expect(refreshes().at(-1)!.params.refresh_token).toBe(newRefresh);
    expect((await reload(box)).state).toBe('ok');
  });

  it('keeps the refresh token when the provider does not rotate it', async () => {
    const box = await connected(0, 'gmail');
    oauth.rotate = false;
    try {
      await getMailboxAccessToken(rt, box);
    } finally {
      oauth.rotate = true;
    }
    const row = await reload(box);
    expect(rt.secrets.open(row.oauth_refresh_enc!)).toBe(rt.secrets.open(box.oauth_refresh_enc!));
    expect(refreshes().at(-1)!.params.scope).toBeUndefined();
  });

  it('refreshes once for many concurrent callers, so no rotated token is lost', async () => {
    const box = await connected(0);
    const before = refreshes().length;
    oauth.delayMs = 150;
    let tokens: string[];
    try {
      tokens = await Promise.all(Array.from({ length: 6 }, () => getMailboxAccessToken(rt, box)));
    } finally {
      oauth.delayMs = 0;
    }
    expect(refreshes().length).toBe(before + 1);
    expect(new Set(tokens)).toEqual(new Set([tokens[0]]));
    expect(await reload(box)).toMatchObject({ state: 'ok' });
  });

  it('throws on a provider outage or no answer, and leaves the mailbox connected', async () => {
    const box = await connected(0);
    oauth.failNext(503);
    const err = await getMailboxAccessToken(rt, box).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OAuthTokenError);
    expect(err).toMatchObject({ status: 503, permanent: false });
    expect(await reload(box)).toMatchObject({ state: 'ok', oauth_refresh_enc: box.oauth_refresh_enc });

    await updateMailbox(rt.db, box.tenant_id, box.id, { oauth_config: JSON.stringify({ client_id: oauth.clientId, token_url: 'http://127.0.0.1:9/token' }) });
    const down = await getMailboxAccessToken(rt, await reload(box)).catch((e: unknown) => e);
    expect(down).toMatchObject({ status: null, permanent: false });
    expect((await reload(box)).state).toBe('ok');
    expect(await rt.db.selectFrom('events').select('id').where('subject_id', '=', box.id).execute()).toEqual([]);
  });

  it('says clearly when a mailbox was never connected', async () => {
    const box = await insertOAuthMailbox(rt, { kind: 'graph', provider: 'microsoft', oauth });
    await expect(getMailboxAccessToken(rt, box)).rejects.toThrow(/not connected: an admin must connect it to microsoft/);
  });
});

describe('a refused refresh token', () => {
  it('marks the mailbox needs_reauth, records an event, and mails every active admin of the tenant', async () => {
    await createUser(rt.systemCtx(w.tenantId), { email: 'second-admin@example.com', name: 'Bea Backup', role: 'admin' });
    const gone = await createUser(rt.systemCtx(w.tenantId), { email: 'former-admin@example.com', name: 'Fred Former', role: 'admin' });
    await updateUserRow(rt.db, w.tenantId, gone.id, { is_active: false });
    const box = await connected(0);
    oauth.revoke(rt.secrets.open(box.oauth_refresh_enc!));

    const err = await getMailboxAccessToken(rt, box).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailboxNeedsReauthError);
    expect(String(err)).toContain('invalid_grant');
    const row = await reload(box);
    expect(row).toMatchObject({ state: 'needs_reauth', oauth_access_enc: null, oauth_refresh_enc: null });
    expect(row.last_error).toContain('invalid_grant');

    const events = await rt.db.selectFrom('events').selectAll().where('name', '=', 'mailbox.needs_reauth').where('subject_id', '=', box.id).execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ name: box.name, provider: 'microsoft', reason: expect.stringContaining('invalid_grant') });
    const jobs = await rt.db.selectFrom('jobs').selectAll().where('name', '=', MAILBOX_ALERT_TASK).execute();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ tenant_id: w.tenantId, status: 'pending' });
    expect(JSON.parse(jobs[0]!.payload)).toEqual({ mailboxId: box.id, reason: expect.stringContaining('invalid_grant') });

    // Not scanned again until connected: no call reaches the provider.
    const before = oauth.requests.length;
    await expect(getMailboxAccessToken(rt, row)).rejects.toBeInstanceOf(MailboxNeedsReauthError);
    expect(oauth.requests.length).toBe(before);

    // The alert job, run by a worker, reaches the tenant's active admins through real SMTP.
    const worker = new Worker({ db: rt.db, dialect: rt.dialect, tasks: { [MAILBOX_ALERT_TASK]: bindTask(mailboxAlertTask, { db: rt.db, mail: rt.mail, baseUrl: rt.config.baseUrl, from: rt.config.mailFrom, runtime: () => rt }) } });
    // Two jobs: the alert, and notify.mailbox_needs_reauth (the admins' in-app notice, unknown to this worker).
    expect(await worker.runOnce()).toBe(2);
    expect(await rt.db.selectFrom('jobs').select('status').where('name', '=', MAILBOX_ALERT_TASK).executeTakeFirstOrThrow()).toEqual({ status: 'done' });
    expect(sink.messages.map((m) => m.envelope.to[0]).sort()).toEqual(['admin@example.com', 'second-admin@example.com']);
    for (const mail of sink.messages) {
      expect(mail.envelope.from).toBe('parley@help.example');
      expect(mail.parsed.subject).toBe(`Mailbox "${box.name}" has stopped receiving mail`);
      expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
      expect(mail.parsed.text).toContain('invalid_grant');
      expect(mail.parsed.text).toContain('https://help.example/tickets/');
    }

    // Connected again, it works again.
    const back = await connectMailbox(rt, oauth, row, 3600);
    expect(oauth.isValidAccessToken(await getMailboxAccessToken(rt, back))).toBe(true);
  });

  it('treats a refused client (401 invalid_client) the same way, once for concurrent callers', async () => {
    const box = await connected(0);
    oauth.failNext(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
    const results = await Promise.allSettled([getMailboxAccessToken(rt, box), getMailboxAccessToken(rt, box)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((await reload(box)).state).toBe('needs_reauth');
    expect(await rt.db.selectFrom('events').select('id').where('name', '=', 'mailbox.needs_reauth').where('subject_id', '=', box.id).execute()).toHaveLength(1);
    const jobs = await rt.db.selectFrom('jobs').select('payload').where('name', '=', MAILBOX_ALERT_TASK).execute();
    expect(jobs.filter((j) => JSON.parse(j.payload).mailboxId === box.id)).toHaveLength(1);
  });

  it('sends no alert once the mailbox was connected again', async () => {
    const box = await connected(0);
    oauth.revoke(rt.secrets.open(box.oauth_refresh_enc!));
    await expect(getMailboxAccessToken(rt, box)).rejects.toBeInstanceOf(MailboxNeedsReauthError);
    await connectMailbox(rt, oauth, box, 3600);
    const worker = new Worker({ db: rt.db, dialect: rt.dialect, tasks: { [MAILBOX_ALERT_TASK]: bindTask(mailboxAlertTask, { db: rt.db, mail: rt.mail, baseUrl: rt.config.baseUrl, from: rt.config.mailFrom, runtime: () => rt }) } });
    while ((await worker.runOnce()) > 0) { /* drain */ }
    expect(sink.messages.filter((m) => m.parsed.subject?.includes(box.name))).toEqual([]);
    expect(await rt.db.selectFrom('jobs').select('status').where('name', '=', MAILBOX_ALERT_TASK).where('status', '!=', 'done').execute()).toEqual([]);
  });
});
