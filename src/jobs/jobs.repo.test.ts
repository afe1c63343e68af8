import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../test/helpers/test-runtime.ts';
import type { Runtime } from '../runtime.ts';
import { claimJobs, completeJobs, countJobsByStatus, deleteDoneJobs, failJob, insertJobs } from './jobs.repo.ts';

let t: TestRuntime;
let rt: Runtime;

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
});
afterAll(async () => { await t?.cleanup(); });
beforeEach(async () => { await rt.db.deleteFrom('jobs').execute(); });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rowsNamed = (name: string) => rt.db.selectFrom('jobs').selectAll().where('name', '=', name).orderBy('id').execute();
const rowById = (id: number) => rt.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const claim = (workerId: string, limit = 10, leaseMs = 60_000) => claimJobs(rt.db, rt.dialect, workerId, limit, leaseMs);

describe('insertJobs', () => {
  it('stores a pending job with its payload, due now, with default attempts', async () => {
    const before = Date.now();
    await insertJobs(rt.db, [{ tenantId: rt.defaultTenantId, name: 'test.a', payload: { n: 1, list: ['x'] } }]);
    const [row] = await rowsNamed('test.a');
    expect(row).toMatchObject({ tenant_id: rt.defaultTenantId, status: 'pending', attempts: 0, max_attempts: 10, locked_by: null, unique_key: null });
    expect(JSON.parse(row!.payload)).toEqual({ n: 1, list: ['x'] });
    expect(Date.parse(row!.run_at)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(row!.run_at)).toBeLessThanOrEqual(Date.now());
  });

  it('does nothing for an empty list', async () => {
    await insertJobs(rt.db, []);
    expect(await countJobsByStatus(rt.db)).toEqual({});
  });

  it('ignores a second job with the same unique_key, in another call or the same one', async () => {
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.u', payload: { first: true }, uniqueKey: 'k1' }]);
    await insertJobs(rt.db, [
      { tenantId: null, name: 'test.u', payload: { first: false }, uniqueKey: 'k1' },
      { tenantId: null, name: 'test.u', payload: { other: 1 }, uniqueKey: 'k2' },
      { tenantId: null, name: 'test.u', payload: { other: 2 }, uniqueKey: 'k2' },
    ]);
    const rows = await rowsNamed('test.u');
    expect(rows.map((r) => [r.unique_key, JSON.parse(r.payload)])).toEqual([['k1', { first: true }], ['k2', { other: 1 }]]);
  });

  it('keeps deduping a key once its job is done, and never dedupes jobs without a key', async () => {
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.u', payload: null, uniqueKey: 'slot:1' }]);
    const [job] = await claim('w1');
    await completeJobs(rt.db, [job!.id], 'w1');
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.u', payload: null, uniqueKey: 'slot:1' }]);
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.n', payload: null }, { tenantId: null, name: 'test.n', payload: null }]);
    expect((await rowsNamed('test.u')).map((r) => r.status)).toEqual(['done']);
    expect(await rowsNamed('test.n')).toHaveLength(2);
  });
});

describe('claimJobs', () => {
  it('claims due jobs oldest first, up to the limit, and never a job claimed already', async () => {
    const past = new Date(Date.now() - 60_000);
    await insertJobs(rt.db, [
      { tenantId: null, name: 'test.c', payload: 'later', runAt: new Date(Date.now() + 3600_000) },
      { tenantId: null, name: 'test.c', payload: 'now' },
      { tenantId: null, name: 'test.c', payload: 'past', runAt: past },
      { tenantId: null, name: 'test.c', payload: 'now2' },
    ]);
    const before = Date.now();
    const first = await claim('w1', 2, 30_000);
    expect(first.map((j) => j.payload)).toEqual(['past', 'now']);
    expect(first[0]).toMatchObject({ name: 'test.c', tenantId: null, attempts: 1, maxAttempts: 10 });
    const row = await rowById(first[0]!.id);
    expect(row).toMatchObject({ status: 'running', locked_by: 'w1', attempts: 1 });
    const leaseEnd = Date.parse(row.locked_until!);
    expect(leaseEnd).toBeGreaterThanOrEqual(before + 30_000 - 1);
    expect(leaseEnd).toBeLessThanOrEqual(Date.now() + 30_000);

    const second = await claim('w2', 10);
    expect(second.map((j) => j.payload)).toEqual(['now2']);
    expect(await claim('w3', 10)).toEqual([]);
  });

  it('claims a running job again once its lease expired (its worker died), and fences the dead worker out', async () => {
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.lease', payload: null, maxAttempts: 3 }]);
    const [dead] = await claim('dead-worker', 1, 1);
    await sleep(10);
    const [again] = await claim('w2', 1);
    expect(again).toMatchObject({ id: dead!.id, attempts: 2 });
    expect(await rowById(dead!.id)).toMatchObject({ status: 'running', locked_by: 'w2' });

    // The dead worker wakes up late: its outcome must not touch the job it no longer holds.
    await completeJobs(rt.db, [dead!.id], 'dead-worker');
    await failJob(rt.db, dead!.id, 'dead-worker', 'late', new Date());
    expect(await rowById(dead!.id)).toMatchObject({ status: 'running', locked_by: 'w2', last_error: null });

    await completeJobs(rt.db, [dead!.id], 'w2');
    expect(await rowById(dead!.id)).toMatchObject({ status: 'done', locked_by: null, locked_until: null });
  });

  it('fails, instead of running again, a job whose lease expired on its last attempt', async () => {
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.poison', payload: null, maxAttempts: 2 }]);
    const [job] = await claim('w1', 1);
    await failJob(rt.db, job!.id, 'w1', 'first try broke', new Date(Date.now() - 1));
    await claim('crashing-worker', 1, 1);
    await sleep(10);
    expect(await claim('w2', 10)).toEqual([]);
    const row = await rowById(job!.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2, locked_by: null, locked_until: null });
    expect(row.last_error).toMatch(/lease of the last attempt expired.*last error: first try broke/);
  });
});

describe('completeJobs and failJob', () => {
  it('marks a job done only for the worker holding it', async () => {
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.done', payload: null }]);
    const [job] = await claim('w1');
    await completeJobs(rt.db, [job!.id], 'someone-else');
    expect((await rowById(job!.id)).status).toBe('running');
    await completeJobs(rt.db, [job!.id], 'w1');
    expect(await rowById(job!.id)).toMatchObject({ status: 'done', locked_by: null, locked_until: null });
  });

  it('puts a failed job back to pending at the retry time, keeping the error', async () => {
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.retry', payload: null }]);
    const [job] = await claim('w1');
    const retryAt = new Date(Date.now() + 5000);
    await failJob(rt.db, job!.id, 'w1', 'smtp said 451', retryAt);
    expect(await rowById(job!.id)).toMatchObject({ status: 'pending', run_at: retryAt.toISOString(), last_error: 'smtp said 451', locked_by: null });
    expect(await claim('w1')).toEqual([]);
  });

  it('fails a job for good without a retry time, and cuts a huge error to 4000 characters', async () => {
    await insertJobs(rt.db, [{ tenantId: null, name: 'test.fail', payload: null }]);
    const [job] = await claim('w1');
    const runAt = (await rowById(job!.id)).run_at;
    await failJob(rt.db, job!.id, 'w1', 'x'.repeat(5000), null);
    const row = await rowById(job!.id);
    expect(row).toMatchObject({ status: 'failed', run_at: runAt, locked_by: null });
    expect(row.last_error).toHaveLength(4000);
  });
});

describe('deleteDoneJobs and countJobsByStatus', () => {
  it('deletes done jobs older than the cut-off and nothing else', async () => {
    await insertJobs(rt.db, ['old-done', 'new-done', 'old-failed', 'old-pending'].map((p) => ({ tenantId: null, name: 'test.gc', payload: p })));
    const rows = await rowsNamed('test.gc');
    const id = (p: string) => rows.find((r) => JSON.parse(r.payload) === p)!.id;
    const old = new Date(Date.now() - 10 * 24 * 3600_000).toISOString();
    await rt.db.updateTable('jobs').set({ status: 'done', updated_at: old }).where('id', '=', id('old-done')).execute();
    await rt.db.updateTable('jobs').set({ status: 'done' }).where('id', '=', id('new-done')).execute();
    await rt.db.updateTable('jobs').set({ status: 'failed', updated_at: old }).where('id', '=', id('old-failed')).execute();
    await rt.db.updateTable('jobs').set({ updated_at: old }).where('id', '=', id('old-pending')).execute();

    expect(await countJobsByStatus(rt.db)).toEqual({ done: 2, failed: 1, pending: 1 });
    expect(await deleteDoneJobs(rt.db, new Date(Date.now() - 7 * 24 * 3600_000))).toBe(1);
    expect((await rowsNamed('test.gc')).map((r) => JSON.parse(r.payload)).sort()).toEqual(['new-done', 'old-failed', 'old-pending']);
  });
});
