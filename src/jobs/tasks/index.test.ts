/** The registry is the worker's whole list: every scheduled and every subscribed task is in it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { Runtime } from '../../runtime.ts';
import { insertJobs } from '../jobs.repo.ts';
import { schedule } from '../schedule.ts';
import { subscriptions } from '../subscriptions.ts';
import { buildTasks } from './index.ts';

let t: TestRuntime;
let rt: Runtime;
beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
});
afterAll(async () => { await t?.cleanup(); });

describe('the task registry', () => {
  it('has a task for every schedule entry and every subscription, and the worker runs them', () => {
    const tasks = buildTasks({ ...rt, baseUrl: 'http://x', from: 'x@x', runtime: () => rt });
    const needed = [...schedule.map((e) => e.task), ...subscriptions.map((s) => s.task.name)];
    expect(needed.filter((name) => typeof tasks[name] !== 'function')).toEqual([]);
    expect(needed.filter((name) => !rt.worker.hasTask(name))).toEqual([]);
    expect(Object.keys(tasks)).toEqual(expect.arrayContaining(['mail.process', 'mail.recover_stuck', 'mail.scan_mailboxes', 'mail.scan_mailbox', 'mail.mailbox_alert', 'mail.password_reset']));
  });

  it('names every task <area>.<verb>, once', () => {
    for (const name of Object.keys(buildTasks({ ...rt, baseUrl: 'http://x', from: 'x@x', runtime: () => rt }))) expect(name).toMatch(/^[a-z_]+\.[a-z_]+$/);
  });

  it('fails a malformed job of a real task with its reason instead of doing nothing quietly', async () => {
    await insertJobs(rt.db, [{ tenantId: rt.defaultTenantId, name: 'mail.process', payload: { inbound: 'x' }, maxAttempts: 1, uniqueKey: 'malformed-test' }]);
    while ((await rt.worker.runOnce()) > 0) { /* drain */ }
    const row = await rt.db.selectFrom('jobs').select(['status', 'last_error']).where('unique_key', '=', 'malformed-test').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', last_error: expect.stringContaining('the payload of mail.process is malformed: inboundId: ') });
  });
});
