/**
 * Automatic assignment of new and transferred tickets (docs/assignment.md): who is
 * eligible, the round-robin and least-loaded orders, and what is written to the thread
 * and the event log. Concurrency is proved in assignment-concurrency.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import type { Runtime } from '../../runtime.ts';
import { createDepartment } from '../departments/create-department.ts';
import { updateDepartment } from '../departments/update-department.ts';
import type { Ctx } from '../shared/context.ts';
import { bulkUpdateTickets } from '../tickets/bulk-update-tickets.ts';
import { createTicket } from '../tickets/create-ticket.ts';
import { updateTicket } from '../tickets/update-ticket.ts';
import { createUser, type CreateUserProps } from '../users/create-user.ts';
import { loadActor } from '../users/load-actor.ts';
import { updateUser } from '../users/update-user.ts';
import type { AssignmentMode } from './assignment-modes.ts';
import { nextAfter } from './choose-assignee.ts';

let t: TestRuntime;
let rt: Runtime;
let w: World;
let system: Ctx;
let agent: Ctx;
let customer: Ctx;
let seq = 0;

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  w = await buildWorld(rt);
  system = rt.systemCtx(w.tenantId);
  agent = rt.ctx(w.tenantId, await loadActor(rt.db, w.agent.user), 'api');
  customer = rt.ctx(w.tenantId, await loadActor(rt.db, w.customer.user), 'web');
});
afterAll(async () => { await t?.cleanup(); });

/** A department in `mode` with `n` member agents, sorted by id (the round-robin order). */
async function team(mode: AssignmentMode, n: number, extra: Partial<CreateUserProps> = {}) {
  seq++;
  const department = await createDepartment(system, { name: `Team ${seq}`, assignmentMode: mode });
  const agents = [];
  for (let i = 0; i < n; i++) {
    agents.push(await createUser(system, { email: `a${i}.t${seq}@example.com`, name: `Agent ${i} of team ${seq}`, role: 'agent', departmentIds: [department.id], ...extra }));
  }
  return { department, agents: agents.sort((a, b) => (a.id < b.id ? -1 : 1)) };
}
const open = (departmentId: number, ctx: Ctx = customer, assigneeId?: string | null) => createTicket(ctx, {
  subject: 'Help', departmentId, channel: 'web', ...(assigneeId !== undefined && { assigneeId }),
  ...(ctx !== customer && { requester: { id: w.customer.user.id } }),
  messages: [{ body: 'Please', messageType: 'reply' }],
});
const systemLines = async (ticketId: string) => (await rt.db.selectFrom('messages').select('body')
  .where('tenant_id', '=', w.tenantId).where('ticket_id', '=', ticketId).where('message_type', '=', 'system').orderBy('created_at').execute()).map((m) => m.body);

describe('nextAfter', () => {
  const pool = [{ id: 'a' }, { id: 'c' }, { id: 'e' }];
  it('takes the first after the last one chosen, wrapping round, even when that one left the pool', () => {
    expect(nextAfter(pool, null).id).toBe('a');
    expect(nextAfter(pool, 'a').id).toBe('c');
    expect(nextAfter(pool, 'b').id).toBe('c');
    expect(nextAfter(pool, 'e').id).toBe('a');
    expect(nextAfter(pool, 'z').id).toBe('a');
  });
});

describe('round-robin', () => {
  it('takes turns in a stable order, skips whoever is away, and says so in the thread', async () => {
    const { department, agents } = await team('round_robin', 3);
    await updateUser(rt.ctx(w.tenantId, await loadActor(rt.db, agents[1]!), 'web'), agents[1]!.id, { away: true });
    const got = [];
    for (let i = 0; i < 4; i++) got.push((await open(department.id)).assignee_id);
    expect(got).toEqual([agents[0]!.id, agents[2]!.id, agents[0]!.id, agents[2]!.id]);
    const first = await open(department.id);
    expect(await systemLines(first.id)).toEqual([`Assigned to ${agents[0]!.name} automatically (round-robin).`]);
    const created = await rt.db.selectFrom('events').select('payload').where('tenant_id', '=', w.tenantId)
      .where('name', '=', 'ticket.created').where('subject_id', '=', first.id).executeTakeFirstOrThrow();
    expect(JSON.parse(created.payload).assignee_id).toBe(agents[0]!.id);
    // Back from being away: the next turn after the last one chosen is theirs.
    await updateUser(system, agents[1]!.id, { away: false });
    expect((await open(department.id)).assignee_id).toBe(agents[1]!.id);
  });

  it('leaves the ticket unassigned when nobody is eligible, and never picks customers, inactive, away or ticketing-less people', async () => {
    const { department, agents } = await team('round_robin', 3);
    await updateUser(system, agents[0]!.id, { isActive: false });
    await updateUser(system, agents[1]!.id, { away: true });
    await updateUser(system, agents[2]!.id, { canAccessTicketing: false });
    const ticket = await open(department.id);
    expect(ticket.assignee_id).toBeNull();
    expect(await systemLines(ticket.id)).toEqual([]);
  });

  it('pools only the members of a department that has members; without members, everyone not limited to departments', async () => {
    seq++;
    const empty = await createDepartment(system, { name: `Nobody's ${seq}`, assignmentMode: 'round_robin' });
    const staff = await rt.db.selectFrom('users').select('id').where('tenant_id', '=', w.tenantId).where('role', 'in', ['agent', 'admin'])
      .where('restricted_to_departments', '=', false).where('is_active', '=', true).where('is_away', '=', false).where('can_access_ticketing', '=', true).execute();
    const chosen = new Set<string | null>();
    for (let i = 0; i < staff.length; i++) chosen.add((await open(empty.id)).assignee_id);
    expect([...chosen].sort()).toEqual(staff.map((s) => s.id).sort());
    expect(chosen.has(w.restrictedAgent.user.id)).toBe(false);
    // Ventas has one member, the agent limited to it: only they are chosen there.
    await updateDepartment(system, w.salesDepartmentId, { assignmentMode: 'round_robin' });
    for (let i = 0; i < 2; i++) expect((await open(w.salesDepartmentId)).assignee_id).toBe(w.restrictedAgent.user.id);
    await updateDepartment(system, w.salesDepartmentId, { assignmentMode: 'manual' });
  });

  it('yields to an assignee given, an explicit "nobody", and the default owner', async () => {
    const { department, agents } = await team('round_robin', 2);
    expect((await open(department.id, agent, agents[1]!.id)).assignee_id).toBe(agents[1]!.id);
    expect((await open(department.id, agent, null)).assignee_id).toBeNull();
    await updateDepartment(system, department.id, { defaultOwnerId: agents[1]!.id });
    expect((await open(department.id)).assignee_id).toBe(agents[1]!.id);
    expect((await open(department.id)).assignee_id).toBe(agents[1]!.id);
  });

  it('does nothing in a manual department', async () => {
    const { department } = await team('manual', 2);
    expect((await open(department.id)).assignee_id).toBeNull();
  });
});

describe('least loaded', () => {
  it('gives the ticket to whoever has the fewest open tickets, ties in round-robin order', async () => {
    const { department, agents } = await team('least_loaded', 3);
    // Agent 0 already has two open tickets, agent 1 one resolved (which does not count).
    await open(department.id, agent, agents[0]!.id);
    await open(department.id, agent, agents[0]!.id);
    const done = await open(department.id, agent, agents[1]!.id);
    await updateTicket(agent, done.id, { status: 'resolved' });
    const got = [];
    for (let i = 0; i < 5; i++) got.push((await open(department.id)).assignee_id);
    expect(got).toEqual([agents[1]!.id, agents[2]!.id, agents[1]!.id, agents[2]!.id, agents[0]!.id]);
    const ticket = await open(department.id);
    expect((await systemLines(ticket.id)).at(-1)).toMatch(/automatically \(least loaded\)\.$/);
  });
});

describe('transfers', () => {
  it('assigns an unassigned ticket transferred into an automatic department, recorded as ticket.assigned', async () => {
    const { department, agents } = await team('round_robin', 2);
    const ticket = await open(1, agent, null);
    const moved = await updateTicket(agent, ticket.id, { departmentId: department.id });
    expect(moved.assignee_id).toBe(agents[0]!.id);
    expect(await systemLines(ticket.id)).toEqual([
      `Transferred from Soporte Técnico to ${department.name} by Alex Agent.`,
      `Assigned to ${agents[0]!.name} automatically (round-robin).`,
    ]);
    const names = (await rt.db.selectFrom('events').select('name').where('tenant_id', '=', w.tenantId)
      .where('subject_id', '=', ticket.id).orderBy('id').execute()).map((e) => e.name);
    expect(names).toContain('ticket.assigned');
  });

  it('spreads a bulk transfer as one by one, least loaded counting the choices made earlier in the same batch', async () => {
    const { department, agents } = await team('least_loaded', 2);
    // Agent 0 starts with two open tickets: of six transferred at once, agent 1 gets four.
    await open(department.id, agent, agents[0]!.id);
    await open(department.id, agent, agents[0]!.id);
    const tickets = [];
    for (let i = 0; i < 6; i++) tickets.push(await open(1, agent, null));
    const result = await bulkUpdateTickets(agent, { ids: tickets.map((x) => x.id) }, { departmentId: department.id }, { batchSize: 10 });
    expect(result).toMatchObject({ updated: 6, failed: [] });
    const rows = await rt.db.selectFrom('tickets').select('assignee_id').where('tenant_id', '=', w.tenantId).where('id', 'in', tickets.map((x) => x.id)).execute();
    expect(rows.filter((r) => r.assignee_id === agents[0]!.id)).toHaveLength(2);
    expect(rows.filter((r) => r.assignee_id === agents[1]!.id)).toHaveLength(4);
    const lines = await rt.db.selectFrom('messages').select('body').where('tenant_id', '=', w.tenantId).where('message_type', '=', 'system')
      .where('ticket_id', 'in', tickets.map((x) => x.id)).where('body', 'like', '%automatically (least loaded).').execute();
    expect(lines).toHaveLength(6);
  });

  it('keeps the assignee of an assigned ticket, and one given with the transfer', async () => {
    const { department, agents } = await team('round_robin', 2);
    const assigned = await open(1, agent, w.agent.user.id);
    expect((await updateTicket(agent, assigned.id, { departmentId: department.id })).assignee_id).toBe(w.agent.user.id);
    const given = await open(1, agent, null);
    expect((await updateTicket(agent, given.id, { departmentId: department.id, assigneeId: agents[1]!.id })).assignee_id).toBe(agents[1]!.id);
  });
});
