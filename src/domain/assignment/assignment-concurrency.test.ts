/**
 * The proof issue 11 asks for: many tickets created at once into an automatic department,
 * from two instances (two runtimes, each with its own connection pool, on one PostgreSQL
 * database), are spread evenly, none is left unassigned, none is assigned twice, and the
 * agent who is away gets none. On SQLite (one writer per file; a second process would
 * wait its turn) the same checks run with fewer tickets through one runtime.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, testDialect, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { createRuntime, type Runtime } from '../../runtime.ts';
import { createDepartment } from '../departments/create-department.ts';
import type { Ctx } from '../shared/context.ts';
import { createTicket } from '../tickets/create-ticket.ts';
import { createUser } from '../users/create-user.ts';
import { loadActor } from '../users/load-actor.ts';
import { updateUser } from '../users/update-user.ts';
import type { AssignmentMode } from './assignment-modes.ts';

const pg = testDialect === 'postgres';
const TICKETS = pg ? 1000 : 200;

let t: TestRuntime;
let instances: Runtime[];
let tenantId: string;
let seq = 0;

beforeAll(async () => {
  // A thousand creates at once queue for 2 × 10 pooled connections, and then for the department's lock, longer
  // than the default waits (5 s) on a busy machine: this test is about the choices made, not about shedding load.
  t = await createTestRuntime({ PARLEY_DB_CONNECT_TIMEOUT_MS: '240000', PARLEY_DB_LOCK_TIMEOUT_MS: '60000', PARLEY_DB_STATEMENT_TIMEOUT_MS: '60000' });
  instances = pg ? [t.rt, await createRuntime(t.config, { migrate: false, log: () => {} })] : [t.rt];
  tenantId = t.rt.defaultTenantId;
}, 60_000);
afterAll(async () => {
  if (instances?.[1]) await instances[1].close();
  await t?.cleanup();
});

/** A department in `mode` with five member agents, the third of them away. */
async function team(mode: AssignmentMode) {
  seq++;
  const system = t.rt.systemCtx(tenantId);
  const department = await createDepartment(system, { name: `Load ${seq}`, assignmentMode: mode });
  const agents = [];
  for (let i = 0; i < 5; i++) agents.push(await createUser(system, { email: `load${seq}.${i}@example.com`, name: `Load ${seq} agent ${i}`, role: 'agent', departmentIds: [department.id] }));
  const away = agents[2]!;
  await updateUser(system, away.id, { away: true });
  const customer = await createUser(system, { email: `buyer${seq}@example.com`, name: 'Buyer', role: 'customer' });
  // One context per instance, each on its own pool.
  const ctxs: Ctx[] = [];
  for (const rt of instances) ctxs.push(rt.ctx(tenantId, await loadActor(rt.db, customer), 'api'));
  return { department, agents, away, ctxs };
}

/** Fires `n` creates at once, alternating instances; answers the rows as the database holds them. */
async function createAtOnce(ctxs: Ctx[], departmentId: number, n: number) {
  const created = await Promise.all(Array.from({ length: n }, (_, i) => createTicket(ctxs[i % ctxs.length]!, {
    subject: `Rush ${i}`, departmentId, channel: 'api', messages: [{ body: 'now', messageType: 'reply' }],
  })));
  const rows = await t.rt.db.selectFrom('tickets').select(['id', 'assignee_id']).where('tenant_id', '=', tenantId)
    .where('id', 'in', created.map((c) => c.id)).execute();
  return { created, rows };
}

const countBy = (ids: Array<string | null>) => ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string | null, number>());

/** Every ticket has exactly one automatic assignment: one thread line, and its ticket.created names the same person as the row. */
async function expectAssignedOnce(rows: Array<{ id: string; assignee_id: string | null }>) {
  const lines = await t.rt.db.selectFrom('messages').select('ticket_id').where('tenant_id', '=', tenantId).where('message_type', '=', 'system')
    .where('body', 'like', 'Assigned to % automatically %').where('ticket_id', 'in', rows.map((r) => r.id)).execute();
  expect(lines.length).toBe(rows.length);
  expect(new Set(lines.map((l) => l.ticket_id)).size).toBe(rows.length);
  const events = await t.rt.db.selectFrom('events').select(['subject_id', 'payload']).where('tenant_id', '=', tenantId)
    .where('name', '=', 'ticket.created').where('subject_id', 'in', rows.map((r) => r.id)).execute();
  const byTicket = new Map(events.map((e) => [e.subject_id, JSON.parse(e.payload).assignee_id as string]));
  for (const r of rows) expect(byTicket.get(r.id)).toBe(r.assignee_id);
}

describe(`automatic assignment under concurrency (${testDialect}, ${pg ? 2 : 1} instance(s))`, () => {
  it(`round-robin: ${TICKETS} creates at once are spread evenly, none unassigned, none to the agent away`, async () => {
    const { department, agents, away, ctxs } = await team('round_robin');
    expect(ctxs.length).toBe(pg ? 2 : 1);
    const { created, rows } = await createAtOnce(ctxs, department.id, TICKETS);
    expect(rows.length).toBe(TICKETS);
    expect(rows.filter((r) => r.assignee_id === null)).toEqual([]);
    for (const c of created) expect(rows.find((r) => r.id === c.id)?.assignee_id).toBe(c.assignee_id);
    const counts = countBy(rows.map((r) => r.assignee_id));
    expect(counts.has(away.id)).toBe(false);
    const present = agents.filter((a) => a !== away).map((a) => counts.get(a.id) ?? 0);
    expect(present.reduce((a, b) => a + b, 0)).toBe(TICKETS);
    expect(Math.max(...present) - Math.min(...present)).toBeLessThanOrEqual(1);
    await expectAssignedOnce(rows);
  }, 240_000);

  it('least loaded: creates at once even out the open tickets, whatever each agent had before', async () => {
    const { department, agents, away, ctxs } = await team('least_loaded');
    const present = agents.filter((a) => a !== away);
    // A head start: 0, 3, 6 and 9 open tickets.
    const head = present.flatMap((a, i) => Array.from({ length: 3 * i }, () => a.id));
    for (const assigneeId of head) {
      await createTicket(t.rt.systemCtx(tenantId), { subject: 'Earlier', departmentId: department.id, assigneeId, channel: 'api', requester: { email: 'earlier@example.com' }, messages: [{ body: 'x', messageType: 'reply' }] });
    }
    const n = pg ? 300 : 100;
    const { rows } = await createAtOnce(ctxs, department.id, n);
    expect(rows.filter((r) => r.assignee_id === null)).toEqual([]);
    const open = countBy([...head, ...rows.map((r) => r.assignee_id)]);
    expect(open.has(away.id)).toBe(false);
    const loads = present.map((a) => open.get(a.id) ?? 0);
    expect(loads.reduce((a, b) => a + b, 0)).toBe(head.length + n);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    await expectAssignedOnce(rows);
  }, 240_000);
});
