/**
 * `npm run bench:ingest`: end-to-end mail ingest (parse → thread → store → searchable)
 * of a generated mix, fetched from a real Dovecot IMAP mailbox and delivered through the
 * LMTP listener. Prints mails/s against DESIGN.md's target (≥ 300/s on SQLite).
 *
 *   npm run bench:ingest -- [--messages 2000] [--db sqlite|postgres] [--automation] [--statements] [--only imap|lmtp] [--worker-process]
 *
 * Besides mails/s it prints the CPU this process spent per mail (steadier than seconds on a
 * busy machine); `--statements` (SQLite) adds where the database time went. By default one
 * process receives and processes, as `npm start` does; `--worker-process` runs the jobs in a
 * `parley worker` of its own beside it (PARLEY_SERVICES=web plus a worker: the second core).
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { createDepartment } from '../src/domain/departments/create-department.ts';
import { scanMailbox } from '../src/mail/inbound/scan-mailbox.ts';
import { startDirectDelivery } from '../src/mail/inbound/sources/lmtp-server.ts';
import { startDovecot, insertDovecotMailbox } from '../test/helpers/dovecot.ts';
import { createTestRuntime, type TestRuntime } from '../test/helpers/test-runtime.ts';
import { generateMail, type BenchMail } from './ingest/generate-mail.ts';
import { LmtpClient } from './ingest/lmtp-client.ts';
import { setUpAutomation } from './lib/automation-setup.ts';
import { startWorkerProcess } from './lib/worker-process.ts';
import { countStatements, resetStatementStats, statementReport } from './lib/statement-stats.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '2000' }, db: { type: 'string', default: 'sqlite' }, automation: { type: 'boolean', default: false }, statements: { type: 'boolean', default: false }, only: { type: 'string' }, 'worker-process': { type: 'boolean', default: false } } });
if (values.statements) countStatements();
const count = Number(values.messages);
if (!Number.isInteger(count) || count < 10) throw new Error('--messages must be an integer ≥ 10');
process.env.PARLEY_TEST_DB = values.db === 'postgres' ? 'postgres' : 'sqlite';
const TARGET = 300;

async function freshRuntime(): Promise<TestRuntime> {
  const t = await createTestRuntime();
  await createDepartment(t.rt.systemCtx(t.rt.defaultTenantId), { name: 'Bench', addresses: ['support@bench.example'] });
  return t;
}

/** Waits until every stored message is processed; returns when the last one finished. */
async function drained(t: TestRuntime, expected: number): Promise<void> {
  for (;;) {
    const rows = await t.rt.db.selectFrom('inbound_messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    const done = Object.entries(by).filter(([s]) => s !== 'received').reduce((a, [, n]) => a + n, 0);
    if (done >= expected) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function verify(t: TestRuntime, mail: BenchMail[]): Promise<string> {
  const statuses = await t.rt.db.selectFrom('inbound_messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const sample = [mail[0], mail[Math.floor(mail.length / 2)], mail[mail.length - 1]];
  const { listTickets } = await import('../src/domain/tickets/list-tickets.ts');
  const { loadActor } = await import('../src/domain/users/load-actor.ts');
  const admin = await t.rt.db.selectFrom('users').selectAll().where('tenant_id', '=', t.rt.defaultTenantId).where('role', '!=', 'customer').executeTakeFirst();
  let found = 0;
  if (admin) {
    const ctx = t.rt.ctx(t.rt.defaultTenantId, await loadActor(t.rt.db, admin), 'system');
    for (const m of sample) found += (await listTickets(ctx, { search: m.token, sort: '-created_at', limit: 5 })).rows.length > 0 ? 1 : 0;
  }
  return `${statuses.map((s) => `${s.status} ${s.n}`).join(', ')}; searchable: ${admin ? `${found}/${sample.length} sampled tokens found` : 'not checked'}`;
}

async function viaImap(mail: BenchMail[]): Promise<void> {
  const t = await freshRuntime();
  let worker = { stop: async () => {} };
  const dovecot = await startDovecot({ users: [{ name: 'support', password: 'bench-password' }] });
  try {
    for (const m of mail) dovecot.deliver('support', m.raw);
    const mailbox = await insertDovecotMailbox(t.rt, dovecot, { kind: 'imap', user: 'support', password: 'bench-password' });
    await seedAdmin(t);
    worker = startWorker(t);
    resetStatementStats();
    const cpu = process.cpuUsage();
    const start = performance.now();
    let scanned = 0;
    while (scanned < mail.length) {
      const outcome = await scanMailbox(t.rt, mailbox, { force: true });
      scanned += outcome.counts.stored + outcome.counts.duplicates;
      if (outcome.counts.fetched === 0) break;
    }
    const stored = performance.now();
    await drained(t, mail.length);
    const end = performance.now();
    report('IMAP (Dovecot)', mail.length, start, stored, end, process.cpuUsage(cpu), await verify(t, mail));
  } finally {
    await worker.stop();
    await dovecot.stop();
    await t.cleanup();
  }
}

async function viaLmtp(mail: BenchMail[]): Promise<void> {
  const t = await freshRuntime();
  let worker = { stop: async () => {} };
  const listener = await startDirectDelivery({ rt: t.rt, port: 0, host: '127.0.0.1', lmtp: true });
  try {
    await seedAdmin(t);
    worker = startWorker(t);
    // Four MTA connections, each delivering one message after another, as a relay would.
    const clients = await Promise.all(Array.from({ length: 4 }, () => LmtpClient.open(listener.port)));
    resetStatementStats();
    const cpu = process.cpuUsage();
    const start = performance.now();
    let next = 0;
    await Promise.all(clients.map(async (client) => {
      while (next < mail.length) await client.deliver('cliente@customers.example', 'support@bench.example', mail[next++].raw);
      client.close();
    }));
    const stored = performance.now();
    await drained(t, mail.length);
    const end = performance.now();
    report('LMTP listener', mail.length, start, stored, end, process.cpuUsage(cpu), await verify(t, mail));
  } finally {
    await worker.stop();
    await listener.close();
    await t.cleanup();
  }
}

/** The job worker: this process's own, or with --worker-process a `parley worker` on the same database. */
function startWorker(t: TestRuntime): { stop(): Promise<void> } {
  if (!values['worker-process']) {
    t.rt.worker.start();
    return { stop: () => t.rt.worker.stop() };
  }
  const db = t.config.database;
  return startWorkerProcess({
    NODE_ENV: 'test', PARLEY_DATA_DIR: t.config.dataDir, PARLEY_SECRET_KEY: t.config.secretKey,
    DATABASE_URL: db.dialect === 'sqlite' ? `sqlite:${db.file}` : db.url,
  });
}

/** The admin that verify() searches as; with --automation, also SLA, round-robin and triggers (bench/lib/automation-setup.ts). */
async function seedAdmin(t: TestRuntime): Promise<void> {
  const { createUser } = await import('../src/domain/users/create-user.ts');
  await createUser(t.rt.systemCtx(t.rt.defaultTenantId), { email: 'bench-admin@bench.example', name: 'Bench', role: 'admin' });
  if (values.automation) console.log(await setUpAutomation(t.rt, 'bench-admin@bench.example'));
}

function report(source: string, n: number, start: number, stored: number, end: number, cpu: NodeJS.CpuUsage, check: string): void {
  const rate = n / ((end - start) / 1000);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`${source.padEnd(16)} ${n} mails: stored in ${((stored - start) / 1000).toFixed(1)} s, processed and searchable in ${((end - start) / 1000).toFixed(1)} s → ${rate.toFixed(0)} mails/s end to end (target ≥ ${TARGET}/s on SQLite: ${rate >= TARGET ? 'PASS' : 'FAIL'})`);
  console.log(`${''.padEnd(16)} CPU of this process (LMTP/IMAP client included): ${(cpuMs / n).toFixed(2)} ms per mail, ${(n / (cpuMs / 1000)).toFixed(0)} mails per CPU-second`);
  console.log(`${''.padEnd(16)} ${check}`);
  if (values.statements) console.log(statementReport(n));
}

console.log(`bench:ingest — ${count} mails (70% plain, 25% HTML, 5% with a 15 KB attachment; a third are replies), ${values.db}, ${cpus().length} cores, Node ${process.version}`);
const mail = generateMail(count, 'support@bench.example');
if (values.only !== 'lmtp') await viaImap(mail);
if (values.only !== 'imap') await viaLmtp(mail);
process.exit(0);
