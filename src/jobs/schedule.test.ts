import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../test/helpers/test-runtime.ts';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import type { Runtime } from '../runtime.ts';
import { enqueueScheduledJobs, schedule, slotKey, slotStart, startScheduler } from './schedule.ts';
import { buildTasks } from './tasks/index.ts';

let t: TestRuntime;
let rt: Runtime;
const handles: DatabaseHandle[] = [];
const stops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
});
afterAll(async () => { await t?.cleanup(); });
beforeEach(async () => { await rt.db.deleteFrom('jobs').execute(); });
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
  await Promise.all(handles.splice(0).map((h) => h.close()));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(10);
  }
}
/** The cleanup jobs queued (the mail entries are tested with the mail code). */
const queued = async () => (await rt.db.selectFrom('jobs').select(['name', 'unique_key', 'tenant_id', 'max_attempts', 'payload']).where('name', 'like', 'cleanup.%').orderBy('unique_key').execute());
const entry = (name: string) => schedule.find((e) => e.name === name)!;

describe('the schedule', () => {
  it('lists the periodic entries with their intervals, each with a task the worker runs', () => {
    expect(schedule.map((e) => [e.name, e.everyMs, e.task])).toEqual([
      ['cleanup.sessions', 3600_000, 'cleanup.sessions'],
      ['cleanup.idempotency_keys', 3600_000, 'cleanup.idempotency_keys'],
      ['cleanup.jobs', 24 * 3600_000, 'cleanup.jobs'],
      ['attachments.sweep_orphans', 6 * 3600_000, 'attachments.sweep_orphans'],
      ['mail.scan_mailboxes', 60_000, 'mail.scan_mailboxes'],
      ['mail.recover_stuck', 300_000, 'mail.recover_stuck'],
      ['sla.sweep', 300_000, 'sla.sweep'],
      ['tickets.prune_inactive', 900_000, 'tickets.prune_inactive'],
      ['reports.mail_summary', 3600_000, 'reports.mail_summary'],
      ['backup.daily', 24 * 3600_000, 'backup.daily'],
    ]);
    const tasks = buildTasks({ ...rt, baseUrl: 'http://x', from: 'x@x', runtime: () => rt });
    for (const e of schedule) expect(tasks[e.task], e.task).toBeTypeOf('function');
    for (const e of schedule) expect(rt.worker.hasTask(e.task), e.task).toBe(true);
  });

  it('cuts time into UTC slots aligned to the epoch, the same on every instance', () => {
    const at = new Date('2024-03-10T14:37:12.345Z');
    expect(slotStart(entry('cleanup.sessions'), at).toISOString()).toBe('2024-03-10T14:00:00.000Z');
    expect(slotStart(entry('cleanup.jobs'), at).toISOString()).toBe('2024-03-10T00:00:00.000Z');
    expect(slotKey(entry('cleanup.sessions'), at)).toBe('cleanup.sessions:2024-03-10T14:00:00.000Z');
    expect(slotKey(entry('cleanup.sessions'), new Date('2024-03-10T14:59:59.999Z'))).toBe(slotKey(entry('cleanup.sessions'), at));
    expect(slotKey(entry('cleanup.sessions'), new Date('2024-03-10T15:00:00.000Z'))).toBe('cleanup.sessions:2024-03-10T15:00:00.000Z');
  });

  it('enqueues one global job per entry and slot, however often it is asked', async () => {
    const at = new Date('2024-03-10T14:37:12.345Z');
    await enqueueScheduledJobs(rt.db, schedule, at);
    await enqueueScheduledJobs(rt.db, schedule, new Date('2024-03-10T14:59:00.000Z'));
    expect(await queued()).toEqual([
      { name: 'cleanup.idempotency_keys', unique_key: 'cleanup.idempotency_keys:2024-03-10T14:00:00.000Z', tenant_id: null, max_attempts: 3, payload: JSON.stringify({ slot: '2024-03-10T14:00:00.000Z' }) },
      { name: 'cleanup.jobs', unique_key: 'cleanup.jobs:2024-03-10T00:00:00.000Z', tenant_id: null, max_attempts: 3, payload: JSON.stringify({ slot: '2024-03-10T00:00:00.000Z' }) },
      { name: 'cleanup.sessions', unique_key: 'cleanup.sessions:2024-03-10T14:00:00.000Z', tenant_id: null, max_attempts: 3, payload: JSON.stringify({ slot: '2024-03-10T14:00:00.000Z' }) },
    ]);
  });
});

describe('startScheduler', () => {
  it('two schedulers on separate connections enqueue each slot once between them', async () => {
    let clock = new Date('2024-03-10T14:37:00.000Z');
    const woken = { a: 0, b: 0 };
    for (const who of ['a', 'b'] as const) {
      const h = openDatabase(t.config.database, { poolSize: 3 });
      handles.push(h);
      const s = startScheduler({ db: h.db, dialect: h.dialect, onJobsEnqueued: () => { woken[who]++; }, tickMs: 5, now: () => clock });
      stops.push(s.stop);
    }
    await until(() => woken.a >= 1 && woken.b >= 1);
    await sleep(50); // many more ticks in the same slots
    expect((await queued()).map((j) => j.unique_key)).toEqual([
      'cleanup.idempotency_keys:2024-03-10T14:00:00.000Z',
      'cleanup.jobs:2024-03-10T00:00:00.000Z',
      'cleanup.sessions:2024-03-10T14:00:00.000Z',
    ]);
    // Each instance writes once per slot, not once per tick.
    expect(woken).toEqual({ a: 1, b: 1 });

    clock = new Date('2024-03-10T15:00:30.000Z');
    await until(() => woken.a >= 2 && woken.b >= 2);
    await sleep(50);
    clock = new Date('2024-03-11T00:00:01.000Z');
    await until(() => woken.a >= 3 && woken.b >= 3);
    await sleep(50);
    expect((await queued()).map((j) => j.unique_key)).toEqual([
      'cleanup.idempotency_keys:2024-03-10T14:00:00.000Z',
      'cleanup.idempotency_keys:2024-03-10T15:00:00.000Z',
      'cleanup.idempotency_keys:2024-03-11T00:00:00.000Z',
      'cleanup.jobs:2024-03-10T00:00:00.000Z',
      'cleanup.jobs:2024-03-11T00:00:00.000Z',
      'cleanup.sessions:2024-03-10T14:00:00.000Z',
      'cleanup.sessions:2024-03-10T15:00:00.000Z',
      'cleanup.sessions:2024-03-11T00:00:00.000Z',
    ]);
  });

  it('enqueues nothing after stop()', async () => {
    let clock = new Date('2024-05-01T10:10:00.000Z');
    let woken = 0;
    const s = startScheduler({ db: rt.db, dialect: rt.dialect, onJobsEnqueued: () => { woken++; }, tickMs: 5, now: () => clock });
    await until(() => woken === 1);
    await s.stop();
    clock = new Date('2024-05-01T11:10:00.000Z');
    await sleep(50);
    expect(woken).toBe(1);
    expect(await queued()).toHaveLength(3);
  });

  it('logs a failed tick and tries again at the next one', async () => {
    // A database without the jobs table: every insert fails.
    const dir = mkdtempSync(join(tmpdir(), 'parley-schedule-'));
    const empty = openDatabase({ dialect: 'sqlite', file: join(dir, 'empty.db') });
    handles.push(empty);
    const errors: string[] = [];
    let woken = 0;
    const s = startScheduler({ db: empty.db, dialect: empty.dialect, onJobsEnqueued: () => { woken++; }, tickMs: 5, log: (level, msg, data) => { errors.push(`${level}: ${msg}: ${String(data?.err)}`); } });
    stops.push(async () => { await s.stop(); rmSync(dir, { recursive: true, force: true }); });
    await until(() => errors.length >= 2);
    expect(errors[0]).toMatch(/^error: scheduler tick failed: .*no such table: jobs/);
    expect(woken).toBe(0);
  });
});
