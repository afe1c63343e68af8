/**
 * kill -9 mid-batch, of `parley serve` (web + worker + LMTP) and then of a `parley worker`:
 * after a restart every job completes, every acknowledged message is stored once and made
 * into one ticket, and the jobs the dead processes held are taken over at once rather than
 * after their five-minute lease. Runs on both engines (the test database of the run).
 * The IMAP-ingest variant of the same property is test/crash/ingest-crash.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartment } from '../../src/domain/departments/create-department.ts';
import type { Runtime } from '../../src/runtime.ts';
import { createTestRuntime, testDialect, type TestRuntime } from '../helpers/test-runtime.ts';
import { jobsLeft, messages, QUEUE, report, SECRET, tally, until } from './fixtures.ts';
import { sendAll, type SenderStats } from './lmtp-client.ts';
import { startParley, type ParleyProcess } from './parley-process.ts';
import { freePort, freePorts } from './pg-cluster.ts';

let t: TestRuntime;
let rt: Runtime;
const running: ParleyProcess[] = [];

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  await createDepartment(rt.systemCtx(rt.defaultTenantId), { name: 'Fault Queue', addresses: [QUEUE] });
});
afterAll(async () => {
  for (const p of running) await p.kill('SIGKILL');
  await t?.cleanup();
});

const done = async () => (await rt.db.selectFrom('jobs').select('id').where('name', '=', 'mail.process').where('status', '=', 'done').execute()).length;
const runningJobs = async () => (await rt.db.selectFrom('jobs').select('id').where('name', '=', 'mail.process').where('status', '=', 'running').execute()).length;

describe('kill -9 of serve and of a worker mid-batch', () => {
  it('completes every job after restart: 0 lost, 0 duplicated, no lease to wait out', async () => {
    const db = t.config.database;
    const env = {
      NODE_ENV: 'test', DATABASE_URL: db.dialect === 'postgres' ? db.url : `sqlite:${db.file}`, PARLEY_DATA_DIR: t.config.dataDir,
      PARLEY_SECRET_KEY: SECRET, LOG_LEVEL: 'warn', PARLEY_DIRECT_HOST: '127.0.0.1', PARLEY_BACKUP_DAILY: 'false',
    };
    const start = async (args: string[], extra: NodeJS.ProcessEnv = {}) => {
      const p = startParley(args, { ...env, ...extra });
      running.push(p);
      await p.waitFor(args[0] === 'serve' ? /Parley is serving/ : /worker .* is running/, 60_000);
      return p;
    };
    const [lmtpPort, webPort] = await freePorts(2) as [number, number];
    const batch = messages('Killed', 300);
    const stats: SenderStats = { attempts: 0, temporaryFailures: 0, acknowledged: new Set() };

    // 1. A web-only serve stores the batch (a backlog of jobs); then a full serve works through it and is killed mid-batch.
    const web = await start(['serve'], { PORT: String(webPort), HOST: '127.0.0.1', PARLEY_LMTP_PORT: String(lmtpPort), PARLEY_SERVICES: 'web' });
    await sendAll(lmtpPort, QUEUE, batch, stats, { concurrency: 4, retryMs: 200, giveUpAt: Date.now() + 60_000 });
    await web.kill('SIGTERM');
    const serve = await start(['serve'], { PORT: String(await freePort()), HOST: '127.0.0.1' });
    await until(async () => (await done()) >= 10, 30_000, 'serve to finish some jobs');
    const runningAtServeKill = await runningJobs();
    await serve.kill('SIGKILL');
    const doneAfterServe = await done();

    // 2. a worker takes over at once, and is killed mid-batch too.
    const worker = await start(['worker']);
    await until(async () => (await done()) >= Math.min(doneAfterServe + 10, batch.length), 30_000, 'the worker to take over');
    const runningAtWorkerKill = await runningJobs();
    await worker.kill('SIGKILL');

    // 3. restart: everything completes.
    const restartedAt = Date.now();
    await start(['worker']);
    await until(async () => (await jobsLeft(rt)) === 0, 60_000, 'every job to complete after the restart');
    const finishMs = Date.now() - restartedAt;

    const tl = await tally(rt, batch.map((m) => m.id));
    const tickets = await rt.db.selectFrom('tickets').select('subject').where('subject', 'like', 'Killed %').execute();
    report(`kill-9 (${testDialect})`, {
      sent: batch.length, acknowledged: stats.acknowledged.size, stored: tl.stored, duplicated: tl.duplicated, lost: tl.lost,
      tickets: tickets.length, duplicate_tickets: tickets.length - new Set(tickets.map((x) => x.subject)).size,
      running_at_serve_kill: runningAtServeKill, running_at_worker_kill: runningAtWorkerKill, all_done_after_restart_ms: finishMs,
    });
    expect(stats.acknowledged.size).toBe(batch.length);
    expect(tl).toEqual({ stored: batch.length, lost: 0, duplicated: 0 });
    expect(tickets).toHaveLength(batch.length);
    expect(new Set(tickets.map((x) => x.subject)).size).toBe(batch.length);
    expect(await rt.db.selectFrom('jobs').select('id').where('status', '=', 'failed').execute()).toEqual([]);
    // The kills left jobs running, and they did not wait out their five-minute lease.
    expect(runningAtServeKill + runningAtWorkerKill).toBeGreaterThan(0);
    expect(finishMs).toBeLessThan(60_000);
  }, 150_000);
});
