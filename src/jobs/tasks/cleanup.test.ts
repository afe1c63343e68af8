/** The scheduled cleanup tasks, run as in production: scheduler entry → job → worker. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import { createSession, findSession } from '../../domain/auth/sessions.repo.ts';
import { claimIdempotencyKey } from '../../domain/idempotency/idempotency.repo.ts';
import type { Runtime } from '../../runtime.ts';
import { insertJobs } from '../jobs.repo.ts';
import { enqueueScheduledJobs, schedule } from '../schedule.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let t: TestRuntime;
let rt: Runtime;
let world: World;

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  world = await buildWorld(rt);
});
afterAll(async () => { await t?.cleanup(); });

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** Enqueues the current slot of one schedule entry and lets the runtime's worker run it. */
async function runScheduled(name: string): Promise<void> {
  const entry = schedule.find((e) => e.name === name)!;
  await enqueueScheduledJobs(rt.db, [entry], new Date());
  while ((await rt.worker.runOnce()) > 0) { /* drain */ }
  const job = await rt.db.selectFrom('jobs').selectAll().where('name', '=', entry.task).orderBy('id', 'desc').executeTakeFirstOrThrow();
  expect(job, `${name}: ${job.last_error}`).toMatchObject({ status: 'done' });
}

describe('cleanup.sessions', () => {
  it('deletes expired sessions of every tenant and keeps live ones', async () => {
    const live = await createSession(rt.db, world.tenantId, world.agent.user.id, 3600);
    const expired = await createSession(rt.db, world.tenantId, world.customer.user.id, 3600);
    const expiredElsewhere = await createSession(rt.db, world.otherTenantId, world.otherAdmin.user.id, 3600);
    await rt.db.updateTable('sessions').set({ expires_at: ago(1000) }).where('user_id', 'in', [world.customer.user.id, world.otherAdmin.user.id]).execute();
    expect(await rt.db.selectFrom('sessions').select('id_hash').execute()).toHaveLength(3);

    await runScheduled('cleanup.sessions');

    const left = await rt.db.selectFrom('sessions').select(['user_id']).execute();
    expect(left).toEqual([{ user_id: world.agent.user.id }]);
    expect(await findSession(rt.db, live.id)).toBeDefined();
    expect(await findSession(rt.db, expired.id)).toBeUndefined();
    expect(await findSession(rt.db, expiredElsewhere.id)).toBeUndefined();
  });
});

describe('cleanup.idempotency_keys', () => {
  it('forgets keys older than 24 hours and keeps younger ones', async () => {
    for (const [tenant, key, age] of [[world.tenantId, 'old', 25 * HOUR], [world.tenantId, 'young', 23 * HOUR], [world.otherTenantId, 'old-other', 30 * HOUR], [world.otherTenantId, 'fresh', 0]] as const) {
      await claimIdempotencyKey(rt.db, tenant, 'user:x', key, 'hash');
      await rt.db.updateTable('idempotency_keys').set({ created_at: ago(age) }).where('key', '=', key).execute();
    }

    await runScheduled('cleanup.idempotency_keys');

    const left = await rt.db.selectFrom('idempotency_keys').select('key').orderBy('key').execute();
    expect(left.map((r) => r.key)).toEqual(['fresh', 'young']);
  });
});

describe('cleanup.jobs', () => {
  it('deletes done jobs older than 7 days and keeps recent, failed and pending ones', async () => {
    await rt.db.deleteFrom('jobs').execute();
    const cases = { 'done-8d': ['done', 8 * DAY], 'done-6d': ['done', 6 * DAY], 'failed-30d': ['failed', 30 * DAY], 'pending-30d': ['pending', 30 * DAY] } as const;
    await insertJobs(rt.db, Object.keys(cases).map((label) => ({
      tenantId: null, name: `test.${label}`, payload: null,
      // pending ones are not due, so the worker leaves them alone
      runAt: new Date(Date.now() + DAY),
    })));
    for (const [label, [status, age]] of Object.entries(cases)) {
      await rt.db.updateTable('jobs').set({ status, updated_at: ago(age) }).where('name', '=', `test.${label}`).execute();
    }

    await runScheduled('cleanup.jobs');

    const left = await rt.db.selectFrom('jobs').select('name').where('name', 'like', 'test.%').orderBy('name').execute();
    expect(left.map((r) => r.name)).toEqual(['test.done-6d', 'test.failed-30d', 'test.pending-30d']);
  });
});
