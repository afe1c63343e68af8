import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDepartment } from '../../domain/departments/create-department.ts';
import { updateSettings } from '../../domain/settings/update-settings.ts';
import { bindTask } from '../../jobs/define-task.ts';
import type { Runtime } from '../../runtime.ts';
import { freePort, insertDovecotMailbox, startDovecot, type Dovecot } from '../../../test/helpers/dovecot.ts';
import { eml } from '../../../test/helpers/mail.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import { deleteMailbox, findMailbox, listActiveMailboxes, updateMailbox, type MailboxRow } from './mailboxes.repo.ts';
import { SCAN_ONE_TASK, scanDueMailboxes, scanMailboxTask, scanMailboxesTask } from './scan-due-mailboxes.ts';
import { scanMailbox } from './scan-mailbox.ts';

let t: TestRuntime;
let rt: Runtime;
let world: World;
let d: Dovecot;
let hang: { port: number; server: Server; sockets: Set<Socket> };
const QUEUE = 'help@scan.example';

const mail = (subject: string) => eml({ from: 'Sara <sara@customer.example>', to: QUEUE, subject, body: subject });
const reload = async (m: MailboxRow) => (await findMailbox(rt.db, m.tenant_id, m.id))!;
const drain = async () => { while ((await rt.worker.runOnce()) > 0) { /* until idle */ } };
const frequency = (minutes: number, tenantId = rt.defaultTenantId) => updateSettings(rt.systemCtx(tenantId), { mail_scan_frequency: minutes });
const job = (payload: unknown, tenantId: string | null = null) => ({ id: 0, tenantId, name: 'x', payload, attempts: 1, maxAttempts: 1 });

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  world = await buildWorld(rt);
  await createDepartment(rt.systemCtx(rt.defaultTenantId), { name: 'Scan Help', addresses: [QUEUE] });
  d = await startDovecot({ users: ['uma', 'vic', 'walt', 'xena'].map((name) => ({ name, password: `pw-${name}` })) });
  // A server that accepts connections and never says a word.
  const sockets = new Set<Socket>();
  const server = createServer((s) => { sockets.add(s); s.on('error', () => {}); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hang = { port: (server.address() as { port: number }).port, server, sockets };
});
afterAll(async () => {
  for (const s of hang?.sockets ?? []) s.destroy();
  hang?.server.close();
  await d?.stop();
  await t.cleanup();
});
beforeEach(async () => {
  for (const m of await listActiveMailboxes(rt.db)) await deleteMailbox(rt.db, m.tenant_id, m.id);
  await frequency(1);
});

describe('scanMailbox', () => {
  it('keeps to mail_scan_frequency unless forced, and records each scan', async () => {
    await frequency(5);
    d.deliver('uma', mail('Cooldown one'));
    const mailbox = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'uma', password: 'pw-uma' });
    const first = await scanMailbox(rt, mailbox);
    expect(first).toMatchObject({ status: 'scanned', counts: { fetched: 1, stored: 1, duplicates: 0, errors: 0 }, detail: null });
    const scanned = await reload(mailbox);
    expect(scanned).toMatchObject({ state: 'ok', last_error: null });
    expect(scanned.last_scan_at).not.toBeNull();
    expect(scanned.last_success_at).not.toBeNull();

    d.deliver('uma', mail('Cooldown two'));
    const skipped = await scanMailbox(rt, scanned);
    expect(skipped).toMatchObject({ status: 'skipped', counts: { fetched: 0 } });
    expect(skipped.detail).toMatch(/less than 5 min ago/);
    expect((await reload(mailbox)).last_scan_at).toBe(scanned.last_scan_at);

    expect(await scanMailbox(rt, scanned, { force: true })).toMatchObject({ status: 'scanned', counts: { fetched: 1, stored: 1 } });
    // Once the frequency has passed, it is due again.
    await updateMailbox(rt.db, mailbox.tenant_id, mailbox.id, { last_scan_at: new Date(Date.now() - 5 * 60_000).toISOString() });
    expect(await scanMailbox(rt, await reload(mailbox))).toMatchObject({ status: 'scanned', counts: { fetched: 0 } });
  });

  it('marks a failing mailbox as in error with the reason, and clears it once it works', async () => {
    const mailbox = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'vic', password: 'wrong' });
    const failed = await scanMailbox(rt, mailbox);
    expect(failed).toMatchObject({ status: 'failed', counts: { errors: 1 } });
    expect(failed.detail).toMatch(/refused the password login of vic/);
    expect(await reload(mailbox)).toMatchObject({ state: 'error', last_error: failed.detail, last_success_at: null });

    await updateMailbox(rt.db, mailbox.tenant_id, mailbox.id, { secret_enc: rt.secrets.seal('pw-vic') });
    expect(await scanMailbox(rt, await reload(mailbox), { force: true })).toMatchObject({ status: 'scanned' });
    expect(await reload(mailbox)).toMatchObject({ state: 'ok', last_error: null });
  });

  it('keeps needs_reauth set by the OAuth code, and skips inactive mailboxes', async () => {
    const mailbox = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'vic', password: null, auth: 'xoauth2' });
    await updateMailbox(rt.db, mailbox.tenant_id, mailbox.id, { state: 'needs_reauth', last_error: 'invalid_grant' });
    expect(await scanMailbox(rt, await reload(mailbox))).toMatchObject({ status: 'failed', detail: expect.stringMatching(/connected again by an admin/) });
    expect((await reload(mailbox)).state).toBe('needs_reauth');

    await updateMailbox(rt.db, mailbox.tenant_id, mailbox.id, { is_active: false });
    expect(await scanMailbox(rt, await reload(mailbox), { force: true })).toMatchObject({ status: 'skipped', detail: 'inactive' });
  });

  it('records messages that could not be taken in without failing the mailbox', async () => {
    d.deliver('walt', mail('Fine'));
    d.deliver('walt', Buffer.concat([Buffer.from('Subject: too big\r\n\r\n'), Buffer.alloc(51 * 1024 * 1024, 'z')]));
    const mailbox = await insertDovecotMailbox(rt, d, { kind: 'pop3', user: 'walt', password: 'pw-walt' });
    const outcome = await scanMailbox(rt, mailbox);
    expect(outcome).toMatchObject({ status: 'scanned', counts: { fetched: 1, stored: 1, errors: 1 } });
    expect(outcome.detail).toMatch(/^1 message\(s\) could not be taken in: uidl:\w+: message of \d+ bytes is over/);
    expect(await reload(mailbox)).toMatchObject({ state: 'ok', last_error: outcome.detail });
  });
});

describe('scanDueMailboxes', () => {
  it('goes on past a wrong password, a closed port and a server that hangs', async () => {
    d.deliver('xena', mail('Behind the broken ones'));
    await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'xena', password: 'wrong', name: 'a-wrong-password' });
    await insertDovecotMailbox(rt, d, { kind: 'pop3', user: 'xena', password: 'pw-xena', name: 'b-closed-port', port: await freePort() });
    await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'xena', password: 'pw-xena', name: 'c-hangs', port: hang.port });
    await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'xena', password: 'pw-xena', name: 'd-works' });
    await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'xena', password: 'pw-xena', name: 'e-elsewhere', tenantId: world.otherTenantId });

    const started = Date.now();
    const outcomes = await scanDueMailboxes(rt, { tenantId: rt.defaultTenantId, timeoutMs: 1500 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(outcomes.map((o) => [o.name, o.status])).toEqual([
      ['a-wrong-password', 'failed'], ['b-closed-port', 'failed'], ['c-hangs', 'failed'], ['d-works', 'scanned'],
    ]);
    expect(outcomes[1].detail).toMatch(/ECONNREFUSED/);
    expect(outcomes[2].detail).toMatch(/took longer than 2 s and was stopped/);
    expect(outcomes[3].counts).toMatchObject({ fetched: 1, stored: 1 });
    await drain();
    expect(await rt.db.selectFrom('tickets').select('id').where('subject', '=', 'Behind the broken ones').execute()).toHaveLength(1);

    // One mailbox by id, across tenants; and the other tenant's mailbox was left alone above.
    const other = (await listActiveMailboxes(rt.db)).find((m) => m.name === 'e-elsewhere')!;
    expect(other.last_scan_at).toBeNull();
    expect((await scanDueMailboxes(rt, { mailboxId: other.id })).map((o) => [o.name, o.status])).toEqual([['e-elsewhere', 'scanned']]);
    expect(await scanDueMailboxes(rt, { mailboxId: 'no-such-id' })).toEqual([]);
  });

  it('is run by the scheduler as one job per due mailbox', async () => {
    d.deliver('uma', mail('Scheduled'));
    const due = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'uma', password: 'pw-uma', name: 'due' });
    const recent = await insertDovecotMailbox(rt, d, { kind: 'imap', user: 'uma', password: 'pw-uma', name: 'recent' });
    await updateMailbox(rt.db, recent.tenant_id, recent.id, { last_scan_at: new Date().toISOString() });

    const deps = { runtime: () => rt };
    await bindTask(scanMailboxesTask, deps)(job({ slot: new Date().toISOString() }));
    await bindTask(scanMailboxesTask, deps)(job({ slot: new Date().toISOString() }));
    const queued = await rt.db.selectFrom('jobs').selectAll().where('name', '=', SCAN_ONE_TASK).execute();
    expect(queued.map((j) => JSON.parse(j.payload))).toEqual([{ mailboxId: due.id }]);

    await bindTask(scanMailboxTask, deps)(job({ mailboxId: due.id }, due.tenant_id));
    expect(await reload(due)).toMatchObject({ state: 'ok' });
    expect((await reload(due)).last_success_at).not.toBeNull();
  });
});
