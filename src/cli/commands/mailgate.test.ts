/**
 * `parley mailgate` as an MTA runs it: a separate process, the message on stdin, and
 * only the exit code to go by.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eml } from '../../../test/helpers/mail.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { createDepartment } from '../../domain/departments/create-department.ts';
import { createTenant } from '../../domain/tenants/create-tenant.ts';

const root = join(import.meta.dirname, '../../..');
let t: TestRuntime;
let otherTenantId: string;

beforeAll(async () => {
  t = await createTestRuntime();
  await createDepartment(t.rt.systemCtx(t.rt.defaultTenantId), { name: 'Gate', addresses: ['gate@mailgate.example', 'gate2@mailgate.example'] });
  otherTenantId = (await createTenant(t.rt, { name: 'Other', slug: 'other-gate', language: 'en' })).id;
  await createDepartment(t.rt.systemCtx(otherTenantId), { name: 'Gate', addresses: ['gate@other.example'] });
});
afterAll(async () => t?.cleanup());

/** The process an MTA would start: `parley mailgate …`. */
const entry = (args: string[]): string[] => [join(root, 'bin/parley.mjs'), 'mailgate', ...args];

async function mailgate(args: string[], stdin: Buffer | string, databaseUrl?: string, env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  const db = t.config.database;
  const child = spawn(process.execPath, entry(args), {
    cwd: root,
    env: { ...process.env, PARLEY_DATA_DIR: t.config.dataDir, DATABASE_URL: databaseUrl ?? (db.dialect === 'postgres' ? db.url : `sqlite:${db.file}`), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c) => { stderr += c; });
  child.stdout!.resume();
  child.stdin!.on('error', () => { /* the process may exit before reading everything */ });
  child.stdin!.end(stdin);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return { code, stderr };
}

const stored = (subject: string) => t.rt.db.selectFrom('inbound_messages').selectAll().where('subject', '=', subject).execute();

/** A server that accepts connections and never answers: a frozen (SIGSTOPped) database as its clients see it. */
const silentServer = () => new Promise<{ port: number; close(): void }>((resolve) => {
  const sockets = new Set<import('node:net').Socket>();
  const s = createServer((socket) => { sockets.add(socket); socket.on('error', () => {}); }).listen(0, '127.0.0.1', () => {
    resolve({ port: (s.address() as { port: number }).port, close: () => { for (const k of sockets) k.destroy(); s.close(); } });
  });
});

const closedPort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});

describe('parley mailgate', () => {
  it('stores the message for the tenant of --recipient, exits 0, and the worker makes a ticket of it', async () => {
    const raw = eml({ from: 'c@customer.example', to: 'someone@else.example', subject: 'Mailgate uno', body: 'Hola' });
    const res = await mailgate(['--recipient', 'GATE@mailgate.example', '--sender', 'c@customer.example'], raw);
    expect(res).toEqual({ code: 0, stderr: '' });
    const [row] = await stored('Mailgate uno');
    expect(row).toMatchObject({ tenant_id: t.rt.defaultTenantId, source: 'mailgate', mailbox_id: null, status: 'received', size: raw.length });
    expect(JSON.parse(row.envelope!)).toEqual({ mailFrom: 'c@customer.example', recipients: ['gate@mailgate.example'] });
    while ((await t.rt.worker.runOnce()) > 0) { /* drain */ }
    const ticket = await t.rt.db.selectFrom('tickets').selectAll().where('subject', '=', 'Mailgate uno').executeTakeFirst();
    expect(ticket).toMatchObject({ tenant_id: t.rt.defaultTenantId, channel: 'email' });
  });

  it('finds the tenant by the message header when no recipient is given, and stores a repeat once', async () => {
    const raw = eml({ from: 'c@customer.example', to: 'Gate <gate@other.example>', subject: 'Mailgate cabecera', body: 'x' });
    expect((await mailgate([], raw)).code).toBe(0);
    expect((await mailgate([], raw)).code).toBe(0);
    const rows = await stored('Mailgate cabecera');
    expect(rows.map((r) => [r.tenant_id, r.envelope])).toEqual([[otherTenantId, null]]);
  });

  it('stores once for two queue addresses of one tenant', async () => {
    const raw = eml({ from: 'c@customer.example', to: 'gate@mailgate.example', cc: 'gate2@mailgate.example', subject: 'Mailgate dos', body: 'x' });
    expect((await mailgate(['--recipient', 'gate@mailgate.example', '--recipient', 'gate2@mailgate.example'], raw)).code).toBe(0);
    expect(await stored('Mailgate dos')).toHaveLength(1);
  });

  it('stores in the tenant named by --tenant', async () => {
    const raw = eml({ from: 'c@customer.example', to: 'anything@other.example', subject: 'Mailgate tenant', body: 'x' });
    expect((await mailgate(['--tenant', 'other-gate'], raw)).code).toBe(0);
    expect((await stored('Mailgate tenant')).map((r) => r.tenant_id)).toEqual([otherTenantId]);
  });

  it('exits 67 when no queue address is in the message header, storing nothing', async () => {
    const res = await mailgate([], eml({ from: 'c@customer.example', to: 'nobody@mailgate.example', subject: 'Mailgate nadie', body: 'x' }));
    expect(res.code).toBe(67);
    expect(res.stderr).toContain('nobody@mailgate.example');
    expect(await stored('Mailgate nadie')).toHaveLength(0);
  });

  it('exits 67 for a --recipient that is no queue address, or a --tenant that does not exist', async () => {
    const raw = eml({ from: 'c@customer.example', to: 'gate@mailgate.example', subject: 'Mailgate nadie 2', body: 'x' });
    // Independent processes: started together, as an MTA may (each takes seconds to start).
    const [byRecipient, byTenant] = await Promise.all([mailgate(['--recipient', 'nobody@mailgate.example'], raw), mailgate(['--tenant', 'no-such-tenant'], raw)]);
    expect(byRecipient.code).toBe(67);
    expect(byTenant.code).toBe(67);
    expect(await stored('Mailgate nadie 2')).toHaveLength(0);
  });

  it('exits 64 on bad usage', async () => {
    const [badAddress, badOption] = await Promise.all([mailgate(['--recipient', 'not-an-address'], 'x'), mailgate(['--bogus'], 'x')]);
    expect(badAddress.code).toBe(64);
    expect(badOption.code).toBe(64);
  });

  it('exits 65 on an empty message', async () => {
    const empty = await mailgate(['--recipient', 'gate@mailgate.example'], '');
    expect(empty.code).toBe(65);
    expect(empty.stderr).toContain('no message');
  });

  it('exits 75 when the database cannot be reached, so the MTA retries', async () => {
    const raw = eml({ from: 'c@customer.example', to: 'gate@mailgate.example', subject: 'Mailgate caido', body: 'x' });
    const res = await mailgate(['--recipient', 'gate@mailgate.example'], raw, `postgres://postgres@127.0.0.1:${await closedPort()}/parley`);
    expect(res.code).toBe(75);
    expect(res.stderr).toContain('try again later');
    expect(await stored('Mailgate caido')).toHaveLength(0);
  });

  it('exits 75 within its deadline when the database accepts the connection and never answers', async () => {
    const frozen = await silentServer();
    try {
      const raw = eml({ from: 'c@customer.example', to: 'gate@mailgate.example', subject: 'Mailgate congelado', body: 'x' });
      const started = Date.now();
      const res = await mailgate(['--recipient', 'gate@mailgate.example'], raw, `postgres://postgres@127.0.0.1:${frozen.port}/parley`, { PARLEY_DEADLINE_MS: '2000' });
      const elapsed = Date.now() - started;
      expect(res.code).toBe(75);
      expect(res.stderr).toContain('try again later');
      // Process start-up (tsx) takes seconds on a loaded machine; the wait itself is bounded by the 2 s
      // deadline (before the fix the process never exited).
      expect(elapsed).toBeLessThan(2000 + 13_000);
      expect(await stored('Mailgate congelado')).toHaveLength(0);
    } finally {
      frozen.close();
    }
  }, 40_000);
});
