/**
 * Saving an SLA policy recomputes the open tickets it may govern (docs/sla.md), on the real
 * database: through the durable job `sla.recompute_policy`, in batches by ticket id that
 * resume after a crash; resolved and closed tickets left alone; breach flags kept; a second
 * save while a recompute runs ends with the latest policy.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import type { Runtime } from '../../runtime.ts';
import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/transaction.ts';
import { createTicket } from '../tickets/create-ticket.ts';
import { findTicket, type TicketRow } from '../tickets/tickets.repo.ts';
import { updateTicket } from '../tickets/update-ticket.ts';
import { loadActor } from '../users/load-actor.ts';
import { createSlaPolicy, deleteSlaPolicy, updateSlaPolicy, type SlaPolicyInput } from './manage-sla-policies.ts';
import { recomputePolicySla, recomputePolicySlaTask, type RecomputePayload } from './recompute-policy-sla.task.ts';
import { listSlaPolicies } from './sla-policies.repo.ts';
import { BUILT_IN_POLICY, type SlaTargets } from './sla-policy-values.ts';
import { updateSettings } from '../settings/update-settings.ts';

const M = 60_000;
let t: TestRuntime;
let rt: Runtime;
let w: World;
let agent: Ctx;
let admin: Ctx;

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  w = await buildWorld(rt);
  agent = rt.ctx(w.tenantId, await loadActor(rt.db, w.agent.user), 'api');
  admin = rt.ctx(w.tenantId, await loadActor(rt.db, w.admin.user), 'api');
});
afterEach(async () => {
  // Each test starts under the built-in policy, with every ticket it left resolved.
  for (const p of await listSlaPolicies(rt.db, w.tenantId)) await deleteSlaPolicy(admin, p.id);
  await rt.db.updateTable('tickets').set({ status: 'resolved' }).where('tenant_id', '=', w.tenantId).execute();
  await drain();
});
afterAll(async () => { await t?.cleanup(); });

async function drain() {
  while ((await rt.worker.runOnce()) > 0) { /* until no job is left */ }
}
const open = (over: Partial<Parameters<typeof createTicket>[1]> = {}) => createTicket(agent, {
  subject: 'Clock', departmentId: 1, priority: 'medium', status: 'open', channel: 'api', requester: { email: 'sla@example.org' },
  messages: [{ body: 'Help', messageType: 'note' }], ...over,
});
const reload = async (ticket: TicketRow) => (await findTicket(rt.db, w.tenantId, ticket.id))!;
/** Minutes from creation to each due time and to the next mark. */
const dues = async (ticket: TicketRow) => {
  const x = await reload(ticket);
  const after = (iso: string | null) => (iso === null ? null : (Date.parse(iso) - Date.parse(x.created_at)) / M);
  return { first: after(x.first_response_due_at), resolution: after(x.resolution_due_at), next: after(x.sla_next_check_at) };
};
const sla = async (ticket: TicketRow) => {
  const { first_response_due_at, resolution_due_at, first_response_breached_at, resolution_breached_at, sla_due_at, sla_next_check_at, sla_pauses } = await reload(ticket);
  return { first_response_due_at, resolution_due_at, first_response_breached_at, resolution_breached_at, sla_due_at, sla_next_check_at, sla_pauses };
};
/** Minutes from creation at which the ticket's timer jobs fire. */
const timers = async (ticket: TicketRow) => (await rt.db.selectFrom('jobs').select('run_at').where('name', '=', 'sla.check_ticket')
  .where('unique_key', 'like', `sla:${ticket.id}:%`).orderBy('run_at').execute()).map((j) => (Date.parse(j.run_at) - Date.parse(ticket.created_at)) / M);
const recomputeJobs = () => rt.db.selectFrom('jobs').select(['payload', 'status']).where('tenant_id', '=', w.tenantId).where('name', '=', recomputePolicySlaTask.name)
  .orderBy('id').execute();
const slaEvents = async (ticket: TicketRow) => (await rt.db.selectFrom('events').select(['name', 'payload']).where('tenant_id', '=', w.tenantId)
  .where('subject_id', '=', ticket.id).where('name', 'like', 'ticket.sla_%').orderBy('id').execute()).map((e) => `${e.name} ${JSON.parse(e.payload).target}`);
const targets = (first: number, resolution = 600): SlaTargets => ({ ...BUILT_IN_POLICY.targets, medium: { first_response: first, resolution } });
const policy = (over: Partial<SlaPolicyInput>): SlaPolicyInput => ({
  name: 'P', scope: { type: 'default' }, targets: BUILT_IN_POLICY.targets, businessHours: null, timeZone: 'UTC', pauseStatuses: ['pending', 'on_hold'], nearBreach: 0.8, ...over,
});

describe('recomputing the tickets of a saved policy', () => {
  it('moves the due times and timers of open tickets on create, change and delete; leaves resolved and closed ones alone', async () => {
    const a = await open();
    const resolved = await open();
    const closed = await open();
    await updateTicket(agent, resolved.id, { status: 'resolved' });
    await updateTicket(agent, closed.id, { status: 'closed' });
    const [resolvedBefore, closedBefore] = [await sla(resolved), await sla(closed)];
    const [resolvedTimers, closedTimers] = [await timers(resolved), await timers(closed)];
    expect(await dues(a)).toEqual({ first: 480, resolution: 2880, next: 384 });

    const p = await createSlaPolicy(admin, policy({ targets: targets(30) }));
    expect(await dues(a), 'the save queues the recompute; the job does it').toEqual({ first: 480, resolution: 2880, next: 384 });
    expect((await recomputeJobs()).map((j) => [JSON.parse(j.payload).scopes, j.status])).toContainEqual([['default'], 'pending']);
    await drain();
    expect(await dues(a)).toEqual({ first: 30, resolution: 600, next: 24 });
    expect(await timers(a)).toContain(24);

    await updateSlaPolicy(admin, p.id, (stored) => ({ ...policy({ targets: targets(60, 900) }), name: stored.name }));
    await drain();
    expect(await dues(a)).toEqual({ first: 60, resolution: 900, next: 48 });
    expect(await timers(a)).toContain(48);

    await deleteSlaPolicy(admin, p.id);
    await drain();
    expect(await dues(a), 'back to the built-in table').toEqual({ first: 480, resolution: 2880, next: 384 });

    expect([await sla(resolved), await sla(closed)]).toEqual([resolvedBefore, closedBefore]);
    expect([await timers(resolved), await timers(closed)]).toEqual([resolvedTimers, closedTimers]);
  });

  it('a change of the sla_targets setting (no default policy) recomputes the open tickets; saving the same targets queues nothing', async () => {
    const a = await open();
    expect(await dues(a)).toEqual({ first: 480, resolution: 2880, next: 384 });
    const hours = Object.fromEntries(Object.entries(BUILT_IN_POLICY.targets).map(([k, v]) => [k, { first_response_hours: v.first_response / 60, resolution_hours: v.resolution / 60 }]));
    try {
      await updateSettings(admin, { sla_targets: { ...hours, medium: { first_response_hours: 1, resolution_hours: 10 } } });
      await drain();
      expect(await dues(a)).toEqual({ first: 60, resolution: 600, next: 48 });
      const queued = (await recomputeJobs()).length;
      await updateSettings(admin, { sla_targets: { ...hours, medium: { first_response_hours: 1, resolution_hours: 10 } } });
      expect(await recomputeJobs()).toHaveLength(queued);
    } finally {
      await updateSettings(admin, { sla_targets: hours });
      await drain();
    }
    expect(await dues(a)).toEqual({ first: 480, resolution: 2880, next: 384 });
  });

  it('recomputes only the scope saved (both scopes on a change of scope); a new name alone recomputes nothing', async () => {
    const support = await open();
    const sales = await open({ departmentId: w.salesDepartmentId });
    const p = await createSlaPolicy(admin, policy({ name: 'Support', scope: { type: 'department', departmentId: 1 }, targets: targets(20) }));
    await drain();
    expect([(await dues(support)).first, (await dues(sales)).first]).toEqual([20, 480]);
    const count = (await recomputeJobs()).length;
    await updateSlaPolicy(admin, p.id, (s) => ({ ...policy({ name: 'Renamed', scope: { type: 'department', departmentId: 1 }, targets: targets(20) }), name: `${s.name}!` }));
    expect(await recomputeJobs()).toHaveLength(count);
    await updateSlaPolicy(admin, p.id, () => policy({ name: 'Sales', scope: { type: 'department', departmentId: w.salesDepartmentId }, targets: targets(20) }));
    expect(JSON.parse((await recomputeJobs()).at(-1)!.payload).scopes).toEqual(['department:1', `department:${w.salesDepartmentId}`]);
    await drain();
    expect([(await dues(support)).first, (await dues(sales)).first]).toEqual([480, 20]);
  });

  it('keeps a breach flag once set: a tighter policy raises the breach now, a looser one moves the due time but the miss stays', async () => {
    const a = await open();
    const created = new Date(Date.now() - 120 * M).toISOString();
    await rt.db.updateTable('tickets').set({ created_at: created }).where('id', '=', a.id).execute();
    const p = await createSlaPolicy(admin, policy({ targets: targets(60) }));
    await drain();
    const tight = await reload(a);
    expect(tight.first_response_breached_at).toBe(new Date(Date.parse(created) + 60 * M).toISOString());
    expect(await slaEvents(a)).toEqual(['ticket.sla_breached first_response']);
    await updateSlaPolicy(admin, p.id, () => policy({ targets: targets(300) }));
    await drain();
    const loose = await reload(a);
    expect(loose.first_response_due_at).toBe(new Date(Date.parse(created) + 300 * M).toISOString());
    expect(loose.first_response_breached_at, 'a target missed stays missed').toBe(tight.first_response_breached_at);
    expect(await slaEvents(a), 'no alert again: nothing is due under the new policy yet').toEqual(['ticket.sla_breached first_response']);
  });

  it('works in batches by ticket id, each with the job of the next; a batch run again after a crash changes nothing twice', async () => {
    const tickets = [await open(), await open(), await open(), await open(), await open()];
    const ids = tickets.map((x) => x.id).sort();
    // The policy row alone, as if its save had committed and the first batch were about to run.
    const p = await createSlaPolicy(admin, policy({ targets: targets(40) }));
    await rt.db.deleteFrom('jobs').where('name', '=', recomputePolicySlaTask.name).execute();
    const first: RecomputePayload = { run: 'test-run', scopes: ['default'], after: null };
    const ctx = rt.systemCtx(w.tenantId, 'jobs');
    expect(await recomputePolicySla(ctx, first, { batch: 2 })).toEqual({ done: 2, next: ids[1] });
    const byId = new Map(tickets.map((x) => [x.id, x]));
    expect(await Promise.all(ids.map(async (id) => (await dues(byId.get(id)!)).first))).toEqual([40, 40, 480, 480, 480]);
    // The worker died before marking the job done: the batch runs again, and queues the same next job once.
    expect(await recomputePolicySla(ctx, first, { batch: 2 })).toEqual({ done: 2, next: ids[1] });
    expect((await recomputeJobs()).map((j) => JSON.parse(j.payload))).toEqual([{ ...first, after: ids[1] }]);
    await drain();
    expect(await Promise.all(ids.map(async (id) => (await dues(byId.get(id)!)).first))).toEqual([40, 40, 40, 40, 40]);
    await deleteSlaPolicy(admin, p.id);
  });

  it('a second save while a recompute runs ends with the latest policy on every ticket', async () => {
    const tickets = [await open(), await open(), await open()];
    const p = await createSlaPolicy(admin, policy({ targets: targets(30) }));
    const [job] = (await recomputeJobs()).filter((j) => j.status === 'pending');
    // The first chain does one ticket, then the policy changes before its next batch.
    const { next } = await recomputePolicySla(rt.systemCtx(w.tenantId, 'jobs'), JSON.parse(job.payload) as RecomputePayload, { batch: 1 });
    expect(next).not.toBeNull();
    await updateSlaPolicy(admin, p.id, () => policy({ targets: targets(90) }));
    await drain();
    for (const x of tickets) expect((await dues(x)).first).toBe(90);
  });

  it('a save waits for a recompute batch under way, so the batch never commits a policy older than the save', async () => {
    await open();
    const p = await createSlaPolicy(admin, policy({ targets: targets(30) }));
    await drain();
    let saved = false;
    let save: Promise<unknown> = Promise.resolve();
    await inTransaction(rt.systemCtx(w.tenantId, 'jobs'), async (tx) => {
      await recomputePolicySla(tx, { run: 'held', scopes: ['default'], after: null });
      save = updateSlaPolicy(admin, p.id, () => policy({ targets: targets(45) })).then(() => { saved = true; });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(saved, 'the save waits for the batch to commit').toBe(false);
    });
    await save;
    expect(saved).toBe(true);
  });
});
