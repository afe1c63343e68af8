/**
 * A change to a ticket records one event per thing that happened, named for it, with
 * the old and the new value; nothing for what did not change. Replies and notes record
 * their own events; the system lines that describe a change record none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import type { Runtime } from '../../runtime.ts';
import type { Ctx } from '../shared/context.ts';
import { loadActor } from '../users/load-actor.ts';
import { createTicket } from './create-ticket.ts';
import { replyToTicket } from './reply-to-ticket.ts';
import type { TicketRow } from './tickets.repo.ts';
import { updateTicket, type UpdateTicketProps } from './update-ticket.ts';

let t: TestRuntime;
let rt: Runtime;
let w: World;
let agent: Ctx;
let customer: Ctx;

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  w = await buildWorld(rt);
  agent = rt.ctx(w.tenantId, await loadActor(rt.db, w.agent.user), 'api');
  customer = rt.ctx(w.tenantId, await loadActor(rt.db, w.customer.user), 'api');
});
afterAll(async () => { await t?.cleanup(); });

/** A ticket with every field set, so that each test changes exactly one. */
const newTicket = () => createTicket(agent, {
  subject: 'Printer on fire', departmentId: 1, priority: 'low', status: 'open', assigneeId: null,
  category: 'question', tags: ['printer'], recipients: ['boss@acme.example'], channel: 'api',
  requester: { email: 'carla@acme.example' }, messages: [{ body: 'It smokes.', messageType: 'reply' }],
});

/** The events recorded on the ticket by `change`, in order, without their numbers. */
async function eventsOf(ticket: TicketRow, change: () => Promise<unknown>) {
  const last = await rt.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
  await change();
  const rows = await rt.db.selectFrom('events').select(['name', 'payload', 'actor_id']).where('tenant_id', '=', w.tenantId)
    .where('subject_type', '=', 'ticket').where('subject_id', '=', ticket.id).where('id', '>', Number(last.id ?? 0)).orderBy('id').execute();
  for (const r of rows) expect(r.actor_id).not.toBeNull();
  return rows.map((r) => ({ name: r.name, payload: JSON.parse(r.payload) as Record<string, unknown> }));
}

async function changeOne(props: UpdateTicketProps) {
  const ticket = await newTicket();
  return { ticket, events: await eventsOf(ticket, () => updateTicket(agent, ticket.id, props)) };
}

describe('updateTicket records exactly the events for what changed', () => {
  it('status: ticket.status_changed', async () => {
    const { ticket, events } = await changeOne({ status: 'pending' });
    expect(events).toEqual([{ name: 'ticket.status_changed', payload: { number: ticket.number, old: 'open', new: 'pending' } }]);
  });

  it('priority: ticket.priority_changed', async () => {
    const { ticket, events } = await changeOne({ priority: 'urgent' });
    expect(events).toEqual([{ name: 'ticket.priority_changed', payload: { number: ticket.number, old: 'low', new: 'urgent' } }]);
  });

  it('assignee: ticket.assigned, and ticket.assigned to null when unassigned', async () => {
    const { ticket, events } = await changeOne({ assigneeId: w.agent.user.id });
    expect(events).toEqual([{ name: 'ticket.assigned', payload: { number: ticket.number, old: null, new: w.agent.user.id } }]);
    expect(await eventsOf(ticket, () => updateTicket(agent, ticket.id, { assigneeId: null }))).toEqual([
      { name: 'ticket.assigned', payload: { number: ticket.number, old: w.agent.user.id, new: null } },
    ]);
  });

  it('assigning a new ticket opens it: ticket.status_changed and ticket.assigned', async () => {
    const ticket = await createTicket(agent, { subject: 'Fresh', departmentId: 1, channel: 'api', requester: { email: 'carla@acme.example' }, messages: [{ body: 'Hi', messageType: 'reply' }] });
    expect(ticket.status).toBe('new');
    expect((await eventsOf(ticket, () => updateTicket(agent, ticket.id, { assigneeId: w.agent.user.id }))).map((e) => e.name)).toEqual(['ticket.status_changed', 'ticket.assigned']);
  });

  it('department: ticket.department_changed', async () => {
    const { ticket, events } = await changeOne({ departmentId: w.salesDepartmentId });
    expect(events).toEqual([{ name: 'ticket.department_changed', payload: { number: ticket.number, old: 1, new: w.salesDepartmentId } }]);
  });

  it('subject: ticket.subject_changed', async () => {
    const { ticket, events } = await changeOne({ subject: '  Printer   on fire, again ' });
    expect(events).toEqual([{ name: 'ticket.subject_changed', payload: { number: ticket.number, old: 'Printer on fire', new: 'Printer on fire, again' } }]);
  });

  it('category: ticket.category_changed', async () => {
    const { ticket, events } = await changeOne({ category: 'billing' });
    expect(events).toEqual([{ name: 'ticket.category_changed', payload: { number: ticket.number, old: 'question', new: 'billing' } }]);
  });

  it('resolution: ticket.resolution_changed', async () => {
    const { ticket, events } = await changeOne({ resolution: 'fixed' });
    expect(events).toEqual([{ name: 'ticket.resolution_changed', payload: { number: ticket.number, old: null, new: 'fixed' } }]);
  });

  it('tags: ticket.tags_changed, sorted', async () => {
    const { ticket, events } = await changeOne({ tags: ['toner', 'printer'] });
    expect(events).toEqual([{ name: 'ticket.tags_changed', payload: { number: ticket.number, old: ['printer'], new: ['printer', 'toner'] } }]);
  });

  it('recipients: ticket.recipients_changed', async () => {
    const { ticket, events } = await changeOne({ recipients: ['boss@acme.example', 'cfo@acme.example'] });
    expect(events).toEqual([{ name: 'ticket.recipients_changed', payload: { number: ticket.number, old: ['boss@acme.example'], new: ['boss@acme.example', 'cfo@acme.example'] } }]);
  });

  it('several fields at once: one event each; the same values again: none', async () => {
    const props: UpdateTicketProps = { status: 'pending', priority: 'high', category: 'billing', tags: ['printer'] };
    const { events, ticket } = await changeOne(props);
    expect(events.map((e) => e.name)).toEqual(['ticket.status_changed', 'ticket.priority_changed', 'ticket.category_changed']);
    expect(await eventsOf(ticket, () => updateTicket(agent, ticket.id, props))).toEqual([]);
  });
});

describe('messages record their own events', () => {
  it('a reply records message.created and a note note.created; ticket.created holds the subject', async () => {
    const ticket = await newTicket();
    const created = await rt.db.selectFrom('events').select('payload').where('subject_id', '=', ticket.id).where('name', '=', 'ticket.created').executeTakeFirstOrThrow();
    expect(JSON.parse(created.payload)).toMatchObject({ number: ticket.number, subject: 'Printer on fire', status: 'open' });
    const reply = await eventsOf(ticket, () => replyToTicket(agent, ticket.id, { body: 'On our way.', messageType: 'reply', channel: 'api' }));
    expect(reply).toEqual([{ name: 'message.created', payload: { message_id: expect.any(String), channel: 'api', author_id: w.agent.user.id, attachments: 0 } }]);
    const note = await eventsOf(ticket, () => replyToTicket(agent, ticket.id, { body: 'Bring an extinguisher.', messageType: 'note', channel: 'api' }));
    expect(note.map((e) => e.name)).toEqual(['note.created']);
  });

  it("a customer's reply that reopens a resolved ticket records message.created and ticket.status_changed, not the system line", async () => {
    const ticket = await createTicket(customer, { subject: 'Mine', channel: 'api', messages: [{ body: 'Help', messageType: 'reply' }] });
    await updateTicket(agent, ticket.id, { status: 'resolved' });
    const events = await eventsOf(ticket, () => replyToTicket(customer, ticket.id, { body: 'Still broken.', messageType: 'reply', channel: 'api' }));
    expect(events).toEqual([
      { name: 'message.created', payload: expect.objectContaining({ author_id: w.customer.user.id }) },
      { name: 'ticket.status_changed', payload: { number: ticket.number, old: 'resolved', new: 'open' } },
    ]);
  });
});
