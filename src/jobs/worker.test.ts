import SqliteDatabase from 'better-sqlite3';
import { hostname } from 'node:os';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../test/helpers/test-runtime.ts';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import type { Ctx } from '../domain/shared/context.ts';
import { inTransaction } from '../domain/shared/transaction.ts';
import { createTicket } from '../domain/tickets/create-ticket.ts';
import { findTicket } from '../domain/tickets/tickets.repo.ts';
import type { Runtime } from '../runtime.ts';
import { DeferJob } from './defer-job.ts';
import { defineTask } from './define-task.ts';
import { eventJobPayload } from './event-job-payload.ts';
import { Foreground } from './foreground.ts';
import { claimJobs, countJobsByStatus, insertJobs, type ClaimedJob } from './jobs.repo.ts';
import { subscribe } from './subscriptions.ts';
import { retryDelayMs, Worker, type Task } from './worker.ts';

let t: TestRuntime;
let rt: Runtime;
let unsubscribe: () => void;
const handles: DatabaseHandle[] = [];
const workers: Worker[] = [];

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  // The tests below run their own function under this name, to watch when it runs.
  unsubscribe = subscribe('ticket.created', defineTask({ name: 'test.task', payload: eventJobPayload('ticket.created'), run: async () => {} }));
});
afterAll(async () => {
  unsubscribe?.();
  await t?.cleanup();
});
beforeEach(async () => { await rt.db.deleteFrom('jobs').execute(); });
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await Promise.all(handles.splice(0).map((h) => h.close()));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(20);
  }
}
/** A second connection (pool) to the test database, as another process would have. */
function secondHandle(): DatabaseHandle {
  const h = openDatabase(t.config.database, { poolSize: 5 });
  handles.push(h);
  return h;
}
function worker(tasks: Record<string, Task>, extra: { db?: DatabaseHandle; pollMs?: number; id?: string } = {}): Worker {
  const w = new Worker({ db: extra.db?.db ?? rt.db, dialect: rt.dialect, tasks, workerId: extra.id, pollMs: extra.pollMs ?? 60_000 });
  workers.push(w);
  return w;
}
const jobsNamed = (db: DatabaseHandle['db'], name: string) => db.selectFrom('jobs').selectAll().where('name', '=', name).orderBy('id').execute();
const ticketProps = (subject: string) => ({ subject, channel: 'api' as const, requester: { email: 'queue-tester@example.com' }, messages: [{ body: 'Hello', messageType: 'reply' as const }] });

describe('jobs from domain events', () => {
  it('runs a subscribed task only after the business transaction commits, woken by the commit', async () => {
    const seen: Array<{ job: ClaimedJob; ticketVisible: boolean }> = [];
    const w = worker({
      'test.task': async (job) => {
        const { subjectId } = job.payload as { subjectId: string };
        seen.push({ job, ticketVisible: (await findTicket(rt.db, job.tenantId!, subjectId)) !== undefined });
      },
    });
    w.start();
    let woken = 0;
    const ctx: Ctx = { ...rt.systemCtx(rt.defaultTenantId), onJobsEnqueued: () => { woken++; w.wake(); } };
    const peek = secondHandle();
    let visibleDuringTransaction = -1;

    const ticket = await inTransaction(ctx, async (tx) => {
      const created = await createTicket(tx, ticketProps('Commit me'));
      visibleDuringTransaction = (await jobsNamed(peek.db, 'test.task')).length;
      expect(woken).toBe(0);
      return created;
    });

    expect(visibleDuringTransaction).toBe(0);
    expect(woken).toBe(1);
    // The worker polls only every minute: it runs the job this soon because the commit woke it.
    await until(() => seen.length === 1, 5000);
    expect(seen[0]!.ticketVisible).toBe(true);
    expect(seen[0]!.job).toMatchObject({ name: 'test.task', tenantId: rt.defaultTenantId, attempts: 1 });
    expect(seen[0]!.job.payload).toMatchObject({ event: 'ticket.created', subjectId: ticket.id, number: ticket.number });
    await until(async () => (await jobsNamed(rt.db, 'test.task'))[0]?.status === 'done', 5000);
  });

  it('never runs the task when the transaction rolls back', async () => {
    const ran: number[] = [];
    const w = worker({ 'test.task': async (job) => { ran.push(job.id); } });
    let woken = 0;
    const ctx: Ctx = { ...rt.systemCtx(rt.defaultTenantId), onJobsEnqueued: () => { woken++; } };

    await expect(inTransaction(ctx, async (tx) => {
      await createTicket(tx, ticketProps('Roll me back'));
      throw new Error('a later step of the same command failed');
    })).rejects.toThrow('a later step of the same command failed');

    expect(woken).toBe(0);
    expect(await jobsNamed(rt.db, 'test.task')).toEqual([]);
    expect(await rt.db.selectFrom('tickets').select('id').where('subject', '=', 'Roll me back').execute()).toEqual([]);
    expect(await w.runOnce()).toBe(0);
    expect(ran).toEqual([]);
  });
});

describe('failures', () => {
  it('retries with exponential backoff, then leaves the job failed after max_attempts with the last error', async () => {
    const w = worker({ 'test.flaky': async (job) => { throw new Error(`boom on attempt ${job.attempts}`); } });
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.flaky', payload: null, maxAttempts: 3 }]);

    for (const attempt of [1, 2]) {
      const before = Date.now();
      expect(await w.runOnce()).toBe(1);
      const [row] = await jobsNamed(rt.db, 'test.flaky');
      expect(row).toMatchObject({ status: 'pending', attempts: attempt, last_error: `boom on attempt ${attempt}`, locked_by: null });
      const full = 5000 * 2 ** (attempt - 1);
      const delay = Date.parse(row!.run_at) - before;
      expect(delay).toBeGreaterThanOrEqual(full / 2 - 50);
      expect(delay).toBeLessThanOrEqual(full + 1000);
      expect(await w.runOnce()).toBe(0); // not due before its backoff
      // Let the backoff pass: move the job's clock rather than wait seconds.
      await rt.db.updateTable('jobs').set({ run_at: new Date().toISOString() }).where('id', '=', row!.id).execute();
    }

    expect(await w.runOnce()).toBe(1);
    const [row] = await jobsNamed(rt.db, 'test.flaky');
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'boom on attempt 3', locked_by: null, locked_until: null });
    expect(await w.runOnce()).toBe(0);
  });

  it('succeeds on a later attempt and ends done', async () => {
    let calls = 0;
    const w = worker({ 'test.once-flaky': async () => { if (++calls === 1) throw new Error('transient'); } });
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.once-flaky', payload: null }]);
    await w.runOnce();
    await rt.db.updateTable('jobs').set({ run_at: new Date().toISOString() }).where('name', '=', 'test.once-flaky').execute();
    await w.runOnce();
    expect(calls).toBe(2);
    expect((await jobsNamed(rt.db, 'test.once-flaky'))[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('fails a job whose task is unknown at once, without retries', async () => {
    const w = worker({});
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.nobody-handles-this', payload: null, maxAttempts: 10 }]);
    expect(await w.runOnce()).toBe(1);
    const [row] = await jobsNamed(rt.db, 'test.nobody-handles-this');
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.last_error).toBe('no task is registered under "test.nobody-handles-this"');
  });

  it('bounds the backoff between half and all of 5 s × 2^(attempt−1), capped at an hour', () => {
    for (let attempt = 1; attempt <= 20; attempt++) {
      const full = Math.min(5000 * 2 ** (attempt - 1), 3600_000);
      const d = retryDelayMs(attempt);
      expect(d).toBeGreaterThanOrEqual(full / 2);
      expect(d).toBeLessThanOrEqual(full);
    }
  });
});

/** A Foreground that remembers the pauses it asked for. */
class RecordingForeground extends Foreground {
  readonly pauses: Array<{ jobMs: number; pauseMs: number }> = [];
  override pauseAfter(jobMs: number): number {
    const pauseMs = super.pauseAfter(jobMs);
    this.pauses.push({ jobMs, pauseMs });
    return pauseMs;
  }
}

describe('requests go first (a worker in the web server\'s process)', () => {
  /** Three jobs that each keep the event loop busy for 15 ms, as a job of real work does. */
  async function runThreeJobs(foreground: Foreground) {
    await insertJobs(rt.db, [1, 2, 3].map(() => ({ tenantId: null, name: 'test.busy', payload: null })));
    const spin: Task = async () => { const end = performance.now() + 15; while (performance.now() < end) { /* busy */ } };
    const w = new Worker({ db: rt.db, dialect: rt.dialect, tasks: { 'test.busy': spin }, pollMs: 60_000, foreground });
    workers.push(w);
    const started = performance.now();
    expect(await w.runOnce()).toBe(3);
    const elapsed = performance.now() - started;
    // The turn owed for the batch's last job is taken before the next claim, with nothing claimed meanwhile.
    expect(await w.runOnce()).toBe(0);
    return elapsed;
  }

  it('pauses after each job while a request is in flight, so that jobs take about their share of the time', async () => {
    const foreground = new RecordingForeground({ share: 0.25, lingerMs: 0 });
    const leave = foreground.enter();
    const elapsed = await runThreeJobs(foreground);
    leave();
    expect(foreground.pauses).toHaveLength(3);
    for (const { jobMs, pauseMs } of foreground.pauses) {
      expect(jobMs).toBeGreaterThanOrEqual(15);
      expect(pauseMs).toBeCloseTo(Math.min(250, jobMs * 3), 5);
    }
    // Two pauses between the three jobs of the batch.
    const paused = foreground.pauses.slice(0, 2).reduce((sum, p) => sum + p.pauseMs, 0);
    expect(elapsed).toBeGreaterThanOrEqual(paused + 45 - 5);
    expect(foreground.busy).toBe(false);
  });

  it('runs jobs without pausing when no request is in flight, and when the share is 1', async () => {
    for (const foreground of [new RecordingForeground(), new RecordingForeground({ share: 1 })]) {
      if (foreground.share === 1) foreground.enter();
      await runThreeJobs(foreground);
      expect(foreground.pauses.map((p) => p.pauseMs)).toEqual([0, 0, 0]);
    }
  });

  it('lets the event loop turn between jobs while it drains a backlog (a request is read, not left waiting for the whole drain)', async () => {
    await insertJobs(rt.db, Array.from({ length: 200 }, () => ({ tenantId: null, name: 'test.query', payload: null })));
    let done = 0;
    const query: Task = async () => { await rt.db.selectFrom('jobs').select('id').limit(1).execute(); done++; };
    const w = new Worker({ db: rt.db, dialect: rt.dialect, tasks: { 'test.query': query }, pollMs: 60_000 });
    workers.push(w);
    const doneWhenTheLoopTurned = new Promise<number>((resolve) => setImmediate(() => resolve(done)));
    w.start();
    await until(() => done === 200);
    // On SQLite every query settles as a microtask: without a yield the drain ran to its end first.
    expect(await doneWhenTheLoopTurned).toBeLessThan(200);
  });

  it('counts a request once, however often its end is reported', () => {
    const foreground = new Foreground({ lingerMs: 0 });
    const first = foreground.enter();
    const second = foreground.enter();
    first();
    first();
    expect(foreground.busy).toBe(true);
    second();
    expect(foreground.busy).toBe(false);
  });

  it('stays busy for a moment after the last request ends: under load the next one is on its way', async () => {
    const foreground = new Foreground({ lingerMs: 50 });
    foreground.enter()();
    expect(foreground.busy).toBe(true);
    expect(foreground.pauseAfter(10)).toBeCloseTo(30, 5);
    await sleep(80);
    expect(foreground.busy).toBe(false);
    expect(foreground.pauseAfter(10)).toBe(0);
  });
});

describe('crashed workers', () => {
  it('runs again a job whose lease expired while its worker was gone', async () => {
    const ran: ClaimedJob[] = [];
    const w = worker({ 'test.count': async (job) => { ran.push(job); } });
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.count', payload: { n: 1 } }]);
    // A worker claims it with a short lease and dies without finishing.
    await claimJobs(rt.db, rt.dialect, 'dead-worker', 1, 1);
    await sleep(10);
    expect(await w.runOnce()).toBe(1);
    expect(ran.map((j) => j.attempts)).toEqual([2]);
    expect((await jobsNamed(rt.db, 'test.count'))[0]).toMatchObject({ status: 'done', attempts: 2, locked_by: null });
  });

  it('takes over at once, not after the lease, the jobs of a worker process of this host that no longer exists', async () => {
    const ran: number[] = [];
    const w = worker({ 'test.count': async (job) => { ran.push(job.id); } }, { pollMs: 60_000 });
    await insertJobs(rt.db, [1, 2].map((n) => ({ tenantId: null, name: 'test.count', payload: n })));
    // One claimed by a process killed with -9 (no such pid), one by a live process (this one): both for five minutes.
    const [dead] = await claimJobs(rt.db, rt.dialect, `${hostname()}:2147483646:gone`, 1, 5 * 60_000);
    const [alive] = await claimJobs(rt.db, rt.dialect, `${hostname()}:${process.pid}:other`, 1, 5 * 60_000);
    w.start();
    await until(async () => (await jobsNamed(rt.db, 'test.count')).find((r) => r.id === dead!.id)?.status === 'done', 5000);
    expect(ran).toEqual([dead!.id]);
    expect((await jobsNamed(rt.db, 'test.count')).find((r) => r.id === alive!.id)).toMatchObject({ status: 'running', attempts: 1 });
  });

  it('does not run the rest of a batch that outlived its lease', async () => {
    const ran: number[] = [];
    const slow = new Worker({ db: rt.db, dialect: rt.dialect, leaseMs: 50, tasks: { 'test.slow': async (job) => { ran.push(job.id); await sleep(80); } } });
    workers.push(slow);
    await insertJobs(rt.db, [1, 2, 3].map((n) => ({ tenantId: null, name: 'test.slow', payload: n })));
    expect(await slow.runOnce()).toBe(3);
    expect(ran).toHaveLength(1);
    const rows = await jobsNamed(rt.db, 'test.slow');
    expect(rows.map((r) => r.status)).toEqual(['done', 'running', 'running']);
  });
});

describe('two workers on separate connections', () => {
  it('drain 500 jobs concurrently and run every job exactly once', async () => {
    const total = 500;
    await insertJobs(rt.db, Array.from({ length: total }, (_, i) => ({ tenantId: null, name: 'test.count', payload: { i } })));
    const runs = new Map<number, number>();
    const byWorker = { a: 0, b: 0 };
    const counting = (who: 'a' | 'b'): Task => async (job) => {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      byWorker[who]++;
      await new Promise((resolve) => setImmediate(resolve)); // yield, so the two workers interleave
    };
    const a = worker({ 'test.count': counting('a') }, { db: secondHandle(), pollMs: 10, id: 'worker-a' });
    const b = worker({ 'test.count': counting('b') }, { db: secondHandle(), pollMs: 10, id: 'worker-b' });
    a.start();
    b.start();
    await until(async () => (await countJobsByStatus(rt.db)).done === total, 30_000);
    await Promise.all([a.stop(), b.stop()]);

    expect(runs.size).toBe(total);
    expect([...runs.values()].filter((n) => n !== 1)).toEqual([]);
    expect(byWorker.a + byWorker.b).toBe(total);
    expect(byWorker.a).toBeGreaterThan(0);
    expect(byWorker.b).toBeGreaterThan(0);
    expect(await countJobsByStatus(rt.db)).toEqual({ done: total });
  });
});

describe('deferred jobs', () => {
  it('puts a job that throws DeferJob back to run later without spending an attempt', async () => {
    const seen: number[] = [];
    const w = worker({
      'test.defer': async (job) => {
        seen.push(job.attempts);
        if (seen.length === 1) throw new DeferJob(60_000, 'the parent message is not processed yet');
      },
    });
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.defer', payload: null, maxAttempts: 1 }]);
    const before = Date.now();
    expect(await w.runOnce()).toBe(1);
    const [row] = await jobsNamed(rt.db, 'test.defer');
    expect(row).toMatchObject({ status: 'pending', attempts: 0, locked_by: null, last_error: 'deferred: the parent message is not processed yet' });
    expect(Date.parse(row!.run_at) - before).toBeGreaterThanOrEqual(59_000);
    expect(await w.runOnce()).toBe(0); // not due yet
    await rt.db.updateTable('jobs').set({ run_at: new Date().toISOString() }).where('id', '=', row!.id).execute();
    // Its only attempt was given back: it runs, and succeeds, although max_attempts is 1.
    expect(await w.runOnce()).toBe(1);
    expect(seen).toEqual([1, 1]);
    expect((await jobsNamed(rt.db, 'test.defer'))[0]).toMatchObject({ status: 'done', attempts: 1 });
  });
});

/**
 * Another connection holds the jobs table so no one else can write to it: an exclusive
 * transaction on SQLite, LOCK TABLE … EXCLUSIVE on PostgreSQL (reads still go through).
 */
async function holdJobsTable(): Promise<() => Promise<void>> {
  const target = t.config.database;
  if (target.dialect === 'sqlite') {
    const conn = new SqliteDatabase(target.file);
    conn.exec('BEGIN EXCLUSIVE');
    return async () => { conn.exec('ROLLBACK'); conn.close(); };
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  await client.query('begin');
  await client.query('lock table jobs in exclusive mode');
  return async () => { await client.query('rollback'); await client.end(); };
}

describe('the database refusing writes mid-job', () => {
  it('releases the job for a prompt retry as soon as the database takes writes again, not after the lease', async () => {
    // The worker's own connection waits at most 100 ms for a lock, as PARLEY_DB_*_TIMEOUT_MS allow.
    const h = openDatabase(t.config.database, { poolSize: 2, timeouts: { busyMs: 100, lockMs: 100 } });
    handles.push(h);
    const logs: string[] = [];
    let release: (() => Promise<void>) | null = null;
    let calls = 0;
    const w = new Worker({
      db: h.db, dialect: rt.dialect, pollMs: 20, maxBackoffMs: 200, log: (_level, msg) => logs.push(msg),
      tasks: {
        'test.write': async (job) => {
          calls++;
          if (calls === 1) release = await holdJobsTable();
          // A write of the task's own: refused while the table is held.
          await insertJobs(h.db, [{ tenantId: null, name: 'test.side-effect', payload: job.id, uniqueKey: `side-effect:${job.id}:${calls}` }]);
        },
      },
    });
    workers.push(w);
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.write', payload: null }]);
    w.start();
    await until(() => release !== null && logs.includes('job worker round failed'), 10_000);
    await sleep(300);
    // Neither the task's failure nor the job's own release could be written: the job is still ours.
    expect((await jobsNamed(rt.db, 'test.write'))[0]).toMatchObject({ status: 'running', attempts: 1 });
    const released = Date.now();
    await release!();
    await until(async () => (await jobsNamed(rt.db, 'test.write'))[0]?.status === 'done', 10_000);
    // Released and run again within seconds, not after the five-minute lease.
    expect(Date.now() - released).toBeLessThan(5000);
    const [row] = await jobsNamed(rt.db, 'test.write');
    expect(row).toMatchObject({ status: 'done', attempts: 2, locked_by: null });
    expect(calls).toBe(2);
    expect(await jobsNamed(rt.db, 'test.side-effect')).toHaveLength(1);
    await until(() => logs.includes('job worker resumed'), 5000);
  });
});
