/**
 * A trigger run cut short (docs/automation.md): its worker stops mid-run, the job's lease
 * runs out, the worker retries the job; the run ends `failed` with the reason, its actions
 * are not run again, and the run log says so through the API. A run another worker may still
 * be running is left alone.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import type { ClaimedJob } from '../../jobs/jobs.repo.ts';
import { newId } from '../shared/clock.ts';
import { listTicketTagNames } from '../tags/tags.repo.ts';
import { defineActionType } from './action-type.ts';
import { registerActionType, unregisterActionType } from './action-registry.ts';
import { INTERRUPTED, runTriggers } from './run-triggers.ts';
import { runTriggersTask } from './run-triggers.task.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
const TRIGGERS = '/tickets/api/triggers/';

/** An action that stands still until released: the worker "stops" while the run is under way. */
const hang = { reached: () => {}, release: (_err: Error) => {} };
const hangAction = defineActionType({
  type: 'test.hang', label: 'Hangs', config: z.object({}),
  run: () => new Promise<never>((_, reject) => { hang.release = reject; hang.reached(); }),
});

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
  registerActionType(hangAction);
});
afterEach(async () => {
  // Each test's triggers go, so the next test's events fire only its own.
  for (const tr of (await admin().get(TRIGGERS)).body as Array<{ id: string }>) expect((await admin().delete(`${TRIGGERS}${tr.id}/`)).status).toBe(204);
});
afterAll(async () => {
  unregisterActionType(hangAction.type);
  await stopApiTest({ t, app });
});

const admin = () => api(app, w.admin.token);
const deps = () => ({ ...t.rt, baseUrl: t.rt.config.baseUrl, from: t.rt.config.mailFrom });
async function drain() {
  while ((await t.rt.worker.runOnce()) > 0) { /* until no job is left */ }
}
async function newTrigger(actions: unknown[]): Promise<string> {
  const res = await admin().post(TRIGGERS, { name: 'On priority', type: 'TICKET_FIELD_CHANGE', options: { field: 'priority' }, actions });
  expect(res.status, res.raw).toBe(201);
  return res.body.id as string;
}
/** A ticket whose priority just changed: the engine's job for that event is queued, not yet run. */
async function priorityChanged() {
  const ticket = await admin().post('/tickets/api/tickets/', { subject: 'Crash', messages: [{ body: 'Hello' }], requester: { email: 'carla@acme.example' } });
  expect(ticket.status, ticket.raw).toBe(201);
  await drain();
  expect((await admin().patch(`/tickets/api/tickets/${ticket.body.id}/`, { priority: 'urgent' })).status).toBe(200);
  const event = await t.rt.db.selectFrom('events').select('id').where('subject_id', '=', ticket.body.id).where('name', '=', 'ticket.priority_changed').executeTakeFirstOrThrow();
  const job = await t.rt.db.selectFrom('jobs').select(['id', 'payload']).where('name', '=', runTriggersTask.name).where('status', '=', 'pending')
    .where('payload', 'like', `%"eventId":${Number(event.id)},%`).executeTakeFirstOrThrow();
  return { ticketId: ticket.body.id as string, eventId: Number(event.id), job: { id: Number(job.id), payload: JSON.parse(job.payload) as { eventId: number; event: string; subjectId: string } } };
}
const runsOf = async (triggerId: string) => {
  const res = await admin().get(`${TRIGGERS}${triggerId}/runs/`);
  expect(res.status, res.raw).toBe(200);
  return res.body.results as Array<{ status: string; error: string | null; results: Array<{ type: string; ok: boolean }>; duration_ms: number | null }>;
};
const tagsOf = async (ticketId: string) => (await listTicketTagNames(t.rt.db, w.tenantId, [ticketId])).get(ticketId) ?? [];
const notesOf = (ticketId: string) => t.rt.db.selectFrom('messages').select('body').where('ticket_id', '=', ticketId).where('message_type', '=', 'note').execute();
/** A row `running` for the trigger and event, as a worker leaves it when it stops mid-run. */
const leaveRunning = (triggerId: string, ticketId: string, eventId: number, startedAt: string) => t.rt.db.insertInto('trigger_runs').values({
  tenant_id: w.tenantId, id: newId(), trigger_id: triggerId, ticket_id: ticketId, event_id: eventId, event_name: 'ticket.priority_changed',
  status: 'running', results: '[]', error: null, chain_depth: 0, started_at: startedAt, duration_ms: null,
}).execute();

describe('a trigger run whose worker stopped', () => {
  it('ends failed with the reason when the job is retried, runs none of its actions again, and shows in the run log', async () => {
    const triggerId = await newTrigger([
      { type: 'add_tag', config: { tags: ['first'] } }, { type: 'test.hang', config: {} }, { type: 'add_note', config: { body: 'After the hang' } },
    ]);
    const { ticketId, job } = await priorityChanged();
    // Worker A claims the job (its lease already over by the time it hangs) and stops in the second action.
    await t.rt.db.updateTable('jobs').set({ status: 'running', attempts: 1, locked_by: 'gone:1:a', locked_until: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', job.id).execute();
    const claimed: ClaimedJob = { id: job.id, tenantId: w.tenantId, name: runTriggersTask.name, payload: job.payload, attempts: 1, maxAttempts: 10 };
    const reached = new Promise<void>((resolve) => { hang.reached = resolve; });
    const workerA = runTriggersTask.run(deps(), job.payload, claimed);
    await reached;
    const [underway] = await runsOf(triggerId);
    expect(underway, 'the results so far are written as the run goes').toMatchObject({ status: 'running', results: [{ type: 'add_tag', ok: true }] });

    // The worker retries the job (attempt 2): the run is over, and nothing runs twice.
    await drain();
    const [run] = await runsOf(triggerId);
    expect(run).toMatchObject({ status: 'failed', error: INTERRUPTED, results: [{ type: 'add_tag', ok: true }] });
    expect(run.error).toMatch(/^interrupted: .*not run again/);
    expect(await t.rt.db.selectFrom('jobs').select(['status', 'attempts']).where('id', '=', job.id).executeTakeFirstOrThrow()).toEqual({ status: 'done', attempts: 2 });
    expect(await notesOf(ticketId)).toEqual([]);
    expect(await tagsOf(ticketId)).toEqual(['first']);

    // Worker A was only slow, not gone: when it ends the run, its own outcome is the truth.
    hang.release(new Error('woke up late'));
    await workerA;
    const [late] = await runsOf(triggerId);
    expect(late).toMatchObject({ status: 'partial', results: [{ type: 'add_tag', ok: true }, { type: 'test.hang', ok: false }, { type: 'add_note', ok: true }] });
    expect(await notesOf(ticketId)).toHaveLength(1);
  });

  it('ends it even when the trigger was turned off before the retry', async () => {
    const triggerId = await newTrigger([{ type: 'add_tag', config: { tags: ['x'] } }]);
    const { ticketId, eventId, job } = await priorityChanged();
    await leaveRunning(triggerId, ticketId, eventId, new Date(Date.now() - 60_000).toISOString());
    expect((await admin().patch(`${TRIGGERS}${triggerId}/`, { active: false })).status).toBe(200);
    await t.rt.db.updateTable('jobs').set({ status: 'running', attempts: 1, locked_by: 'gone:1:b', locked_until: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', job.id).execute();
    await drain();
    expect((await runsOf(triggerId)).map((r) => [r.status, r.error])).toEqual([['failed', INTERRUPTED]]);
    expect(await tagsOf(ticketId)).toEqual([]);
  });

  it('leaves alone a run that may still be under way: on a first attempt, or started after the retry was claimed', async () => {
    const triggerId = await newTrigger([{ type: 'add_tag', config: { tags: ['y'] } }]);
    const { ticketId, eventId, job } = await priorityChanged();
    const claimedAt = new Date().toISOString();
    await leaveRunning(triggerId, ticketId, eventId, new Date(Date.now() + 50).toISOString());
    // A first attempt: whoever wrote the row is running it.
    await drain();
    expect((await runsOf(triggerId)).map((r) => r.status)).toEqual(['running']);
    // A retry claimed before the run started: an earlier attempt outliving its lease started it, and still runs it.
    expect(await runTriggers(deps(), w.tenantId, { ...job.payload, interruptedBefore: claimedAt })).toEqual([]);
    expect((await runsOf(triggerId)).map((r) => r.status)).toEqual(['running']);
    // Claimed after it started: it was cut short.
    const later = new Date(Date.now() + 60_000).toISOString();
    expect(await runTriggers(deps(), w.tenantId, { ...job.payload, interruptedBefore: later })).toEqual([{ triggerId, status: 'failed', results: [], error: INTERRUPTED }]);
    expect((await runsOf(triggerId)).map((r) => r.status)).toEqual(['failed']);
    expect(await tagsOf(ticketId)).toEqual([]);
  });
});
