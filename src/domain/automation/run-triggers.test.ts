/**
 * The automation engine end to end on a real database: events recorded by the ticket
 * commands, jobs run by the worker, triggers evaluated and their actions run; the run log;
 * loop prevention, chain depth, a failing action, and a job that runs twice.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import type { ClaimedJob } from '../../jobs/jobs.repo.ts';
import type { Runtime } from '../../runtime.ts';
import { recordEvent } from '../events/record-event.ts';
import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/transaction.ts';
import { listTicketTagNames } from '../tags/tags.repo.ts';
import { createTicket } from '../tickets/create-ticket.ts';
import { findTicket, type TicketRow } from '../tickets/tickets.repo.ts';
import { updateTicket } from '../tickets/update-ticket.ts';
import { loadActor } from '../users/load-actor.ts';
import { createTrigger, deleteTrigger, type TriggerInput } from './manage-triggers.ts';
import { runTriggers } from './run-triggers.ts';
import { runTriggersTask } from './run-triggers.task.ts';
import { registerActionType, unregisterActionType } from './action-registry.ts';
import { defineActionType } from './action-type.ts';
import { z } from 'zod';

let t: TestRuntime;
let rt: Runtime;
let w: World;
let admin: Ctx;
let agent: Ctx;
let customer: Ctx;
let hook: { server: Server; url: string; bodies: string[]; status: number };
const made: string[] = [];

beforeAll(async () => {
  t = await createTestRuntime({ PARLEY_OUTBOUND_ALLOW: '127.0.0.1' });
  rt = t.rt;
  w = await buildWorld(rt);
  admin = rt.ctx(w.tenantId, await loadActor(rt.db, w.admin.user), 'api');
  agent = rt.ctx(w.tenantId, await loadActor(rt.db, w.agent.user), 'api');
  customer = rt.ctx(w.tenantId, await loadActor(rt.db, w.customer.user), 'api');
  hook = { bodies: [], status: 200 } as unknown as typeof hook;
  hook.server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c; });
    req.on('end', () => { hook.bodies.push(body); res.statusCode = hook.status; res.end('ok'); });
  });
  await new Promise<void>((resolve) => hook.server.listen(0, '127.0.0.1', resolve));
  hook.url = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}/hook`;
});
afterEach(async () => {
  // Each test's triggers go, so the next test sees only its own.
  for (const id of made.splice(0)) await deleteTrigger(admin, id);
});
afterAll(async () => {
  hook?.server.close();
  await t?.cleanup();
});

async function trigger(input: Omit<TriggerInput, 'name'> & { name?: string }) {
  const row = await createTrigger(admin, { name: 'A trigger', ...input });
  made.push(row.id);
  return row;
}
async function drain() {
  while ((await rt.worker.runOnce()) > 0) { /* until no job is left */ }
}
const newTicket = async (over: Partial<Parameters<typeof createTicket>[1]> = {}, by: Ctx = agent) => {
  const ticket = await createTicket(by, {
    subject: 'Printer on fire', departmentId: 1, priority: 'low', channel: 'api', tags: ['printer'],
    requester: { email: 'carla@acme.example' }, messages: [{ body: 'It smokes.', messageType: 'reply' }], ...over,
  });
  await drain();
  return ticket;
};
const runsOf = (triggerId: string) => rt.db.selectFrom('trigger_runs').selectAll().where('trigger_id', '=', triggerId).orderBy('id').execute();
const tagsOf = async (ticket: TicketRow) => (await listTicketTagNames(rt.db, w.tenantId, [ticket.id])).get(ticket.id) ?? [];
const notesOf = (ticket: TicketRow) => rt.db.selectFrom('messages').select(['body', 'author_id']).where('ticket_id', '=', ticket.id).where('message_type', '=', 'note').execute();
const reload = async (ticket: TicketRow) => (await findTicket(rt.db, w.tenantId, ticket.id))!;
async function change(ticket: TicketRow, props: Parameters<typeof updateTicket>[2]) {
  await updateTicket(agent, ticket.id, props);
  await drain();
}
/** Records an event the inactivity or SLA helpers record, as they do (Parley acting). */
async function emit(ticket: TicketRow, event: Parameters<typeof recordEvent>[1]) {
  await inTransaction(rt.systemCtx(w.tenantId, 'jobs'), (tx) => recordEvent(tx, event));
  await drain();
}

describe('trigger types', () => {
  it('TICKET_FIELD_CHANGE fires on its field, and only for the old and new values given', async () => {
    const any = await trigger({ type: 'TICKET_FIELD_CHANGE', options: { field: 'priority' }, actions: [{ type: 'add_tag', config: { tags: ['any-priority'] } }] });
    const toUrgent = await trigger({ type: 'TICKET_FIELD_CHANGE', options: { field: 'priority', old: 'high', new: 'urgent' }, actions: [{ type: 'add_tag', config: { tags: ['high-to-urgent'] } }] });
    const ticket = await newTicket();
    await change(ticket, { priority: 'urgent' });
    expect(await tagsOf(ticket)).toEqual(['any-priority', 'printer']);
    await change(ticket, { priority: 'high' });
    await change(ticket, { priority: 'urgent' });
    expect(await tagsOf(ticket)).toContain('high-to-urgent');
    await change(ticket, { status: 'pending' });
    expect((await runsOf(any.id)).map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect((await runsOf(toUrgent.id)).map((r) => r.event_name)).toEqual(['ticket.priority_changed']);
  });

  it('TICKET_FIELD_CHANGE on tags: new is a tag put on, old a tag taken off', async () => {
    await trigger({ type: 'TICKET_FIELD_CHANGE', options: { field: 'tags', new: 'vip' }, actions: [{ type: 'change_field', config: { field: 'priority', value: 'high' } }] });
    await trigger({ type: 'TICKET_FIELD_CHANGE', options: { field: 'tags', old: 'vip' }, actions: [{ type: 'change_field', config: { field: 'priority', value: 'low' } }] });
    const ticket = await newTicket();
    await change(ticket, { tags: ['printer', 'vip'] });
    expect((await reload(ticket)).priority).toBe('high');
    await change(ticket, { tags: ['printer'] });
    expect((await reload(ticket)).priority).toBe('low');
  });

  it('NEW_TICKET_CREATED: internal is opened by staff, external by a customer', async () => {
    const internal = await trigger({ type: 'NEW_TICKET_CREATED', options: { origin: 'internal' }, actions: [{ type: 'add_tag', config: { tags: ['internal'] } }] });
    const external = await trigger({ type: 'NEW_TICKET_CREATED', options: { origin: 'external' }, actions: [{ type: 'add_tag', config: { tags: ['external'] } }] });
    const both = await trigger({ type: 'NEW_TICKET_CREATED', options: { origin: 'both' }, actions: [{ type: 'add_tag', config: { tags: ['both'] } }] });
    const byStaff = await newTicket();
    const byCustomer = await newTicket({ tags: [], requester: undefined }, customer);
    expect(await tagsOf(byStaff)).toEqual(['both', 'internal', 'printer']);
    expect(await tagsOf(byCustomer)).toEqual(['both', 'external']);
    expect((await runsOf(internal.id)).length).toBe(1);
    expect((await runsOf(external.id)).length).toBe(1);
    expect((await runsOf(both.id)).length).toBe(2);
  });

  it('CLOSE_TICKET: closed for inactivity, optionally only from a status', async () => {
    await trigger({ type: 'CLOSE_TICKET', options: {}, actions: [{ type: 'add_tag', config: { tags: ['closed-inactive'] } }] });
    await trigger({ type: 'CLOSE_TICKET', options: { from_status: 'pending' }, actions: [{ type: 'add_tag', config: { tags: ['was-pending'] } }] });
    const a = await newTicket();
    const b = await newTicket();
    const closed = (x: TicketRow, previous: string) => emit(x, { name: 'ticket.closed_inactive', subjectType: 'ticket', subjectId: x.id, payload: { number: x.number, previous_status: previous, last_activity_at: '2026-01-01T00:00:00.000Z' } });
    await closed(a, 'pending');
    await closed(b, 'open');
    expect(await tagsOf(a)).toEqual(['closed-inactive', 'printer', 'was-pending']);
    expect(await tagsOf(b)).toEqual(['closed-inactive', 'printer']);
  });

  it('CLOSE_TICKET_REMINDER: the reminder, optionally only for a status', async () => {
    await trigger({ type: 'CLOSE_TICKET_REMINDER', options: { status: 'pending' }, actions: [{ type: 'add_note', config: { body: 'Reminder sent for {{ticket.number}}' } }] });
    const ticket = await newTicket();
    const remind = (status: string) => emit(ticket, { name: 'ticket.inactivity_reminder', subjectType: 'ticket', subjectId: ticket.id, payload: { number: ticket.number, status, last_activity_at: '2026-01-01T00:00:00.000Z', close_at: '2026-01-08T00:00:00.000Z' } });
    await remind('open');
    expect(await notesOf(ticket)).toEqual([]);
    await remind('pending');
    expect(await notesOf(ticket)).toEqual([{ body: `Reminder sent for ${ticket.number}`, author_id: null }]);
  });

  it('SLA_WARNING and SLA_BREACHED, optionally for one target', async () => {
    await trigger({ type: 'SLA_WARNING', options: {}, actions: [{ type: 'add_tag', config: { tags: ['sla-warning'] } }] });
    await trigger({ type: 'SLA_BREACHED', options: { target: 'resolution' }, actions: [{ type: 'change_field', config: { field: 'priority', value: 'critical' } }] });
    const ticket = await newTicket();
    const on = { subjectType: 'ticket', subjectId: ticket.id } as const;
    await emit(ticket, { ...on, name: 'ticket.sla_warning', payload: { number: ticket.number, target: 'first_response', due_at: '2026-01-01T00:00:00.000Z', fraction: 0.8 } });
    await emit(ticket, { ...on, name: 'ticket.sla_breached', payload: { number: ticket.number, target: 'first_response', due_at: '2026-01-01T00:00:00.000Z' } });
    expect(await tagsOf(ticket)).toContain('sla-warning');
    expect((await reload(ticket)).priority).toBe('low');
    await emit(ticket, { ...on, name: 'ticket.sla_breached', payload: { number: ticket.number, target: 'resolution', due_at: '2026-01-01T00:00:00.000Z' } });
    expect((await reload(ticket)).priority).toBe('critical');
  });
});

describe('conditions', () => {
  it('department, priority, tags, channel and organisation must all hold', async () => {
    const tr = await trigger({
      type: 'TICKET_FIELD_CHANGE', options: { field: 'status' },
      conditions: { department_ids: [1], priorities: ['low', 'medium'], tags: ['printer', 'scanner'], channels: ['api'], organisation_ids: [w.organisationId] },
      actions: [{ type: 'add_tag', config: { tags: ['matched'] } }],
    });
    const yes = await newTicket();
    const wrongPriority = await newTicket({ priority: 'high' });
    const wrongTags = await newTicket({ tags: ['other'] });
    const otherDepartment = await newTicket({ departmentId: w.salesDepartmentId });
    const otherOrganisation = await newTicket({ requester: { email: 'sue@elsewhere.example' } });
    for (const x of [yes, wrongPriority, wrongTags, otherDepartment, otherOrganisation]) await change(x, { status: 'pending' });
    expect(await tagsOf(yes)).toContain('matched');
    for (const x of [wrongPriority, wrongTags, otherDepartment, otherOrganisation]) expect(await tagsOf(x)).not.toContain('matched');
    expect((await runsOf(tr.id)).map((r) => r.ticket_id)).toEqual([yes.id]);
  });

  it('an inactive trigger never runs', async () => {
    const tr = await trigger({ type: 'TICKET_FIELD_CHANGE', options: { field: 'status' }, actions: [{ type: 'add_tag', config: { tags: ['x'] } }], active: false });
    const ticket = await newTicket();
    await change(ticket, { status: 'pending' });
    expect(await runsOf(tr.id)).toEqual([]);
  });

  it('the engine gets a job only for events that an active trigger of the tenant may answer', async () => {
    const engineJobs = async () => Number((await rt.db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).where('name', '=', runTriggersTask.name).executeTakeFirstOrThrow()).n);
    const before = await engineJobs();
    const ticket = await newTicket();
    await change(ticket, { status: 'pending', priority: 'high' });
    expect(await engineJobs(), 'no trigger at all: no job').toBe(before);
    const tr = await trigger({ type: 'TICKET_FIELD_CHANGE', options: { field: 'priority' }, actions: [{ type: 'add_tag', config: { tags: ['x'] } }] });
    await newTicket();
    expect(await engineJobs(), 'a field-change trigger does not answer ticket.created').toBe(before);
    await change(ticket, { status: 'open', priority: 'urgent' });
    // Status, priority, and the tags the action put on are all field changes: one job each; one run (priority).
    expect(await engineJobs()).toBe(before + 3);
    expect((await runsOf(tr.id)).map((r) => r.status)).toEqual(['ok']);
  });
});

describe('actions', () => {
  it('send_email: automatic mail through the outbox with the variables filled, once per run', async () => {
    const tr = await trigger({
      type: 'TICKET_FIELD_CHANGE', options: { field: 'priority', new: 'urgent' },
      actions: [
        { type: 'send_email', config: { to: 'requester', subject: 'About {{ticket.number}}', body: 'Hello {{requester.first_name}}, {{ticket.subject}} is urgent.' } },
        { type: 'send_email', config: { to: 'address', address: 'boss@acme.example', subject: 'Urgent: {{ticket.subject}}', body: 'In {{department.name}}.' } },
        { type: 'send_email', config: { to: 'assignee', subject: 'x', body: 'y' } },
      ],
    });
    const ticket = await newTicket();
    await change(ticket, { priority: 'urgent' });
    const mails = await rt.db.selectFrom('outbound_mails').select(['to_addresses', 'subject', 'body_text', 'automatic', 'dedupe_key']).where('ticket_id', '=', ticket.id)
      .where('dedupe_key', 'like', 'notify:automation:%').orderBy('created_at').execute();
    expect(mails.map((m) => [JSON.parse(m.to_addresses), m.subject, m.body_text, Boolean(m.automatic)])).toEqual([
      [['carla@acme.example'], `About ${ticket.number}`, 'Hello Carla, Printer on fire is urgent.', true],
      [['boss@acme.example'], 'Urgent: Printer on fire', expect.stringMatching(/^In .+\.$/), true],
    ]);
    const [run] = await runsOf(tr.id);
    expect(run.status).toBe('ok');
    expect(JSON.parse(run.results)[2].detail).toMatch(/no assignee/);
  });

  it('change_field, assign, remove_tag and add_note, through the ticket commands (events, thread lines)', async () => {
    await trigger({
      type: 'TICKET_FIELD_CHANGE', options: { field: 'status', new: 'pending' },
      actions: [
        { type: 'change_field', config: { field: 'category', value: 'question' } },
        { type: 'change_field', config: { field: 'department', value: w.salesDepartmentId } },
        { type: 'assign', config: { assignee_id: w.agent.user.id } },
        { type: 'remove_tag', config: { tags: ['PRINTER'] } },
        { type: 'add_note', config: { body: 'Moved by {{agent.name}} rules for {{requester.name}}' } },
      ],
    });
    const ticket = await newTicket();
    await change(ticket, { status: 'pending' });
    const after = await reload(ticket);
    expect([after.category, after.department_id, after.assignee_id]).toEqual(['question', w.salesDepartmentId, w.agent.user.id]);
    expect(await tagsOf(ticket)).toEqual([]);
    expect((await notesOf(ticket)).map((n) => n.body)).toEqual(['Moved by Alex Agent rules for Carla Customer']);
    const events = await rt.db.selectFrom('events').select(['name', 'actor_id', 'source', 'trigger_chain']).where('subject_id', '=', ticket.id).where('name', '=', 'ticket.assigned').execute();
    expect(events).toEqual([{ name: 'ticket.assigned', actor_id: null, source: 'job', trigger_chain: expect.stringMatching(/^\["[0-9a-f-]+"\]$/) }]);
  });

  it('call_webhook: POSTs the trigger, the event and the ticket as JSON; a refused URL fails the action', async () => {
    hook.bodies.length = 0;
    const tr = await trigger({ type: 'TICKET_FIELD_CHANGE', options: { field: 'priority' }, actions: [{ type: 'call_webhook', config: { url: hook.url } }, { type: 'call_webhook', config: { url: 'http://169.254.169.254/latest' } }] });
    const ticket = await newTicket();
    await change(ticket, { priority: 'high' });
    expect(hook.bodies.map((b) => JSON.parse(b) as { trigger: { id: string }; event: { name: string }; ticket: { number: string } }).map((b) => [b.trigger.id, b.event.name, b.ticket.number]))
      .toEqual([[tr.id, 'ticket.priority_changed', ticket.number]]);
    const [run] = await runsOf(tr.id);
    expect(run.status).toBe('partial');
    expect(run.error).toMatch(/call_webhook: refused/);
  });
});

describe('loops, isolation and retries', () => {
  it('a trigger whose action would fire itself again runs once', async () => {
    const tr = await trigger({ type: 'TICKET_FIELD_CHANGE', options: { field: 'priority' }, actions: [{ type: 'change_field', config: { field: 'priority', value: 'high' } }] });
    const ticket = await newTicket();
    await change(ticket, { priority: 'urgent' });
    expect((await reload(ticket)).priority).toBe('high');
    expect((await runsOf(tr.id)).map((r) => [r.status, r.chain_depth])).toEqual([['ok', 0], ['skipped', 1]]);
  });

  it('a chain of triggers stops at the depth', async () => {
    const a = await trigger({ name: 'a', type: 'TICKET_FIELD_CHANGE', options: { field: 'priority' }, actions: [{ type: 'add_tag', config: { tags: ['a'] } }] });
    const b = await trigger({ name: 'b', type: 'TICKET_FIELD_CHANGE', options: { field: 'tags', new: 'a' }, actions: [{ type: 'add_tag', config: { tags: ['b'] } }] });
    const c = await trigger({ name: 'c', type: 'TICKET_FIELD_CHANGE', options: { field: 'tags', new: 'b' }, actions: [{ type: 'add_tag', config: { tags: ['c'] } }] });
    const d = await trigger({ name: 'd', type: 'TICKET_FIELD_CHANGE', options: { field: 'tags', new: 'c' }, actions: [{ type: 'add_tag', config: { tags: ['d'] } }] });
    const ticket = await newTicket();
    await change(ticket, { priority: 'high' });
    expect(await tagsOf(ticket)).toEqual(['a', 'b', 'c', 'printer']);
    const statuses = async (id: string) => (await runsOf(id)).map((r) => r.status);
    expect([await statuses(a.id), await statuses(b.id), await statuses(c.id), await statuses(d.id)]).toEqual([['ok'], ['ok'], ['ok'], ['skipped']]);
    expect((await runsOf(d.id))[0].error).toMatch(/chain stops/);
  });

  it('a failing action is logged and the others still run', async () => {
    const tr = await trigger({
      type: 'TICKET_FIELD_CHANGE', options: { field: 'priority' },
      actions: [{ type: 'assign', config: { assignee_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7' } }, { type: 'add_tag', config: { tags: ['still'] } }],
    });
    const ticket = await newTicket();
    await change(ticket, { priority: 'high' });
    expect(await tagsOf(ticket)).toContain('still');
    const [run] = await runsOf(tr.id);
    expect(run.status).toBe('partial');
    expect(JSON.parse(run.results).map((r: { ok: boolean }) => r.ok)).toEqual([false, true]);
    expect(run.error).toMatch(/^assign: /);
  });

  it('a run of database-only actions commits as one: a failing action\'s own writes and events are undone, the others\' kept', async () => {
    // Writes a tag (with its event), then fails: as a plugin might, halfway.
    registerActionType(defineActionType({
      type: 'test.tag_then_fail', label: 'Tag, then fail', inTransaction: true, config: z.object({}),
      async run({ ops }) { await ops.addTags(['half-done']); throw new Error('failed after tagging'); },
    }));
    try {
      const tr = await trigger({
        type: 'TICKET_FIELD_CHANGE', options: { field: 'priority' },
        actions: [{ type: 'add_tag', config: { tags: ['before'] } }, { type: 'test.tag_then_fail', config: {} }, { type: 'add_note', config: { body: 'after' } }],
      });
      const ticket = await newTicket();
      await change(ticket, { priority: 'high' });
      expect(await tagsOf(ticket)).toEqual(expect.arrayContaining(['before']));
      expect(await tagsOf(ticket)).not.toContain('half-done');
      expect((await notesOf(ticket)).map((n) => n.body)).toEqual(['after']);
      const [run] = await runsOf(tr.id);
      expect(run.status).toBe('partial');
      expect(JSON.parse(run.results).map((r: { ok: boolean }) => r.ok)).toEqual([true, false, true]);
      expect(run.error).toMatch(/failed after tagging/);
      const tagEvents = await rt.db.selectFrom('events').select('payload').where('tenant_id', '=', w.tenantId)
        .where('subject_id', '=', ticket.id).where('name', '=', 'ticket.tags_changed').execute();
      expect(tagEvents.map((e) => e.payload).join()).not.toContain('half-done');
      expect(tagEvents.map((e) => e.payload).join()).toContain('before');
    } finally {
      unregisterActionType('test.tag_then_fail');
    }
  });

  it('a job that runs again runs no trigger twice for one event', async () => {
    const tr = await trigger({ type: 'TICKET_FIELD_CHANGE', options: { field: 'priority' }, actions: [{ type: 'add_note', config: { body: 'once' } }] });
    const ticket = await newTicket();
    await change(ticket, { priority: 'high' });
    const [run] = await runsOf(tr.id);
    const job: ClaimedJob = { id: 1, tenantId: w.tenantId, name: runTriggersTask.name, payload: {}, attempts: 2, maxAttempts: 5 };
    const payload = { eventId: Number(run.event_id), event: 'ticket.priority_changed', subjectId: ticket.id };
    await runTriggersTask.run({ ...rt, baseUrl: rt.config.baseUrl, from: rt.config.mailFrom }, payload, job);
    expect(await runTriggers({ ...rt, baseUrl: rt.config.baseUrl, from: rt.config.mailFrom }, w.tenantId, payload)).toEqual([]);
    expect(await runsOf(tr.id)).toHaveLength(1);
    expect(await notesOf(ticket)).toHaveLength(1);
  });
});
