import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectMailbox, insertOAuthMailbox, startOAuthServer, type OAuthServer } from '../../../../test/helpers/oauth-server.ts';
import { startSmtpAuthSink, type SmtpAuthSink } from '../../../../test/helpers/smtp-auth-sink.ts';
import { startSmtpSink, type SmtpSink } from '../../../../test/helpers/smtp-sink.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import { buildWorld } from '../../../../test/helpers/world.ts';
import { saveOutgoingMail } from '../../../domain/outgoing-mail/save-outgoing-mail.ts';
import { insertJobs } from '../../../jobs/jobs.repo.ts';
import type { Runtime } from '../../../runtime.ts';
import { updateMailbox, type MailboxRow } from '../mailboxes.repo.ts';
import { MAILBOX_ALERT_TASK } from './mailbox-alert.task.ts';

const LOGIN = 'help@acme.example';
const PASSWORD = 'right horse battery staple';
const ADMINS = ['admin@example.com'];

let oauth: OAuthServer;
let own: SmtpAuthSink;
beforeAll(async () => {
  oauth = await startOAuthServer();
  own = await startSmtpAuthSink({ users: { [LOGIN]: PASSWORD } });
});
afterAll(async () => { await oauth?.close(); await own?.close(); });

/** A mailbox that lost its authorization, and its alert job queued as mark-needs-reauth queues it. */
async function brokenMailbox(rt: Runtime): Promise<MailboxRow> {
  const box = await connectMailbox(rt, oauth, await insertOAuthMailbox(rt, { kind: 'imap', provider: 'microsoft', oauth }));
  await updateMailbox(rt.db, rt.defaultTenantId, box.id, { state: 'needs_reauth', last_error: 'invalid_grant' });
  await insertJobs(rt.db, [{ tenantId: rt.defaultTenantId, name: MAILBOX_ALERT_TASK, payload: { mailboxId: box.id, reason: 'invalid_grant: revoked' }, maxAttempts: 5 }]);
  return { ...box, state: 'needs_reauth' };
}
const alertStatus = (rt: Runtime) => rt.db.selectFrom('jobs').select(['status', 'last_error']).where('name', '=', MAILBOX_ALERT_TASK).execute();

describe('the mailbox alert, on an install without SMTP_URL', () => {
  let t: TestRuntime;
  const lines: string[] = [];
  let rt: Runtime;
  beforeAll(async () => {
    const { createRuntime } = await import('../../../runtime.ts');
    t = await createTestRuntime();
    rt = await createRuntime({ ...t.config, smtpUrl: undefined }, { log: (level, msg, data) => lines.push(JSON.stringify({ level, msg, ...data })), migrate: false });
    await buildWorld(rt);
    while ((await rt.worker.runOnce()) > 0) { /* drain */ }
  });
  afterAll(async () => { await rt?.close(); await t?.cleanup(); });
  afterEach(async () => {
    await rt.db.deleteFrom('jobs').execute();
    await rt.db.deleteFrom('outgoing_transports').execute();
    rt.mail.cache?.closeAll();
    lines.length = 0;
  });

  it('reaches the admins through the tenant\'s own SMTP server, with AUTH', async () => {
    await saveOutgoingMail(rt.systemCtx(rt.defaultTenantId), rt.secrets, null, { kind: 'smtp', host: '127.0.0.1', port: own.port, security: 'none', username: LOGIN, password: PASSWORD });
    const box = await brokenMailbox(rt);
    expect(await rt.worker.runOnce()).toBe(1);
    expect(await alertStatus(rt)).toEqual([{ status: 'done', last_error: null }]);
    const sent = own.messages.filter((m) => m.parsed.subject?.includes(box.name));
    expect(sent.map((m) => m.envelope.to[0]).sort()).toEqual(ADMINS);
    expect(sent.every((m) => m.user === LOGIN)).toBe(true);
    expect(sent[0]!.parsed.text).toContain('invalid_grant: revoked');
  });

  it('when the tenant sends through the very mailbox that broke, falls back to the install: logged, not crashed', async () => {
    const box = await brokenMailbox(rt);
    await saveOutgoingMail(rt.systemCtx(rt.defaultTenantId), rt.secrets, null, { kind: 'mailbox', mailboxId: box.id, via: 'smtp', host: '127.0.0.1', port: own.port, security: 'none' });
    const before = own.messages.length;
    expect(await rt.worker.runOnce()).toBe(1);
    expect(await alertStatus(rt)).toEqual([{ status: 'done', last_error: null }]);
    expect(own.messages.length).toBe(before);
    const logged = lines.filter((l) => l.includes('mail not sent: SMTP_URL is not configured') && l.includes(box.name));
    expect(logged).toHaveLength(ADMINS.length);
  });

  it('with no transport at all, logs the alert as before and the job is done', async () => {
    const box = await brokenMailbox(rt);
    expect(await rt.worker.runOnce()).toBe(1);
    expect(await alertStatus(rt)).toEqual([{ status: 'done', last_error: null }]);
    expect(lines.filter((l) => l.includes('mail not sent: SMTP_URL is not configured') && l.includes(box.name))).toHaveLength(ADMINS.length);
  });
});

describe('the mailbox alert, with SMTP_URL and no tenant setting', () => {
  let sink: SmtpSink;
  let t: TestRuntime;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestRuntime({ SMTP_URL: sink.url, PARLEY_MAIL_FROM: 'Parley <parley@help.example>' });
    await buildWorld(t.rt);
    while ((await t.rt.worker.runOnce()) > 0) { /* drain */ }
  });
  afterAll(async () => { await t?.cleanup(); await sink?.close(); });

  it('goes out through SMTP_URL, From the install\'s address', async () => {
    const box = await brokenMailbox(t.rt);
    expect(await t.rt.worker.runOnce()).toBe(1);
    expect(await alertStatus(t.rt)).toEqual([{ status: 'done', last_error: null }]);
    const sent = sink.messages.filter((m) => m.parsed.subject?.includes(box.name));
    expect(sent.map((m) => [m.envelope.from, m.envelope.to[0]])).toEqual([['parley@help.example', 'admin@example.com']]);
  });
});
