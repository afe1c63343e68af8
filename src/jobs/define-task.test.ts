/**
 * A task checks its payload before it runs: a malformed job fails with a reason that
 * names the task and the field, and the task's code never sees the bad payload.
 */
import { z } from 'zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../test/helpers/test-runtime.ts';
import type { Runtime } from '../runtime.ts';
import { bindTask, defineTask } from './define-task.ts';
import { enqueueTask } from './enqueue-task.ts';
import { insertJobs } from './jobs.repo.ts';
import { Worker } from './worker.ts';

let t: TestRuntime;
let rt: Runtime;
beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
});
afterAll(async () => { await t?.cleanup(); });
beforeEach(async () => { await rt.db.deleteFrom('jobs').where('name', '=', 'test.greet').execute(); });

const greeted: string[] = [];
const greetTask = defineTask({
  name: 'test.greet',
  payload: z.object({ who: z.string(), times: z.number().int().positive() }),
  async run(deps: { log: string[] }, { who, times }) {
    deps.log.push(who.repeat(times));
  },
});

const job = (payload: unknown) => ({ id: 1, tenantId: null, name: greetTask.name, payload, attempts: 1, maxAttempts: 1 });
const jobRows = () => rt.db.selectFrom('jobs').select(['status', 'last_error', 'payload']).where('name', '=', 'test.greet').execute();

describe('a task with a typed payload', () => {
  it('runs with the parsed payload', async () => {
    const log: string[] = [];
    await bindTask(greetTask, { log })(job({ who: 'ab', times: 2 }));
    expect(log).toEqual(['abab']);
  });

  it('fails a malformed job with a clear reason, without running', async () => {
    const log: string[] = [];
    await expect(bindTask(greetTask, { log })(job({ who: 'ab', times: 'twice' }))).rejects.toThrow('the payload of test.greet is malformed: times: Invalid input: expected number, received string');
    await expect(bindTask(greetTask, { log })(job(null))).rejects.toThrow(/the payload of test\.greet is malformed: payload: /);
    expect(log).toEqual([]);
  });

  it('a malformed job in the queue ends failed, its reason shown to admins', async () => {
    await insertJobs(rt.db, [{ tenantId: null, name: greetTask.name, payload: { who: 42, times: 1 }, maxAttempts: 1 }]);
    const worker = new Worker({ db: rt.db, dialect: rt.dialect, tasks: { [greetTask.name]: bindTask(greetTask, { log: greeted }) } });
    await worker.runOnce();
    expect(await jobRows()).toEqual([{ status: 'failed', last_error: expect.stringContaining('the payload of test.greet is malformed: who: Invalid input: expected string, received number'), payload: expect.any(String) }]);
    expect(greeted).toEqual([]);
  });

  it('enqueueTask refuses a bad payload at once and queues a good one', async () => {
    const ctx = { db: rt.db, tenantId: null, onJobsEnqueued: () => {} };
    // @ts-expect-error `times` must be a number
    await expect(enqueueTask(ctx, greetTask, { who: 'x', times: 'two' })).rejects.toThrow(/the payload of test\.greet is malformed: times/);
    expect(await jobRows()).toEqual([]);
    await enqueueTask(ctx, greetTask, { who: 'x', times: 2 });
    expect(await jobRows()).toEqual([{ status: 'pending', last_error: null, payload: JSON.stringify({ who: 'x', times: 2 }) }]);
  });
});
