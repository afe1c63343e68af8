/**
 * A bulk change goes through each ticket's own rules: what the actor may not see is not
 * matched, a ticket the rules refuse is reported while the others change, tags are added
 * and removed per ticket, and each ticket records exactly the events a single change would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import type { Runtime } from '../../runtime.ts';
import type { Ctx } from '../shared/context.ts';
import { listTicketTagNames } from '../tags/tags.repo.ts';
import { loadActor } from '../users/load-actor.ts';
import { bulkUpdateTickets } from './bulk-update-tickets.ts';
import { createTicket, type CreateTicketProps } from './create-ticket.ts';
import { findTicket, type TicketRow } from './tickets.repo.ts';
import { updateTicket } from './update-ticket.ts';

let t: TestRuntime;
let rt: Runtime;
let w: World;
let agent: Ctx;
let restricted: Ctx;
let customer: Ctx;

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  w = await buildWorld(rt);
  const ctxOf = async (user: World['agent']['user']) => rt.ctx(w.tenantId, await loadActor(rt.db, user), 'api');
  agent = await ctxOf(w.agent.user);
  restricted = await ctxOf(w.restrictedAgent.user);
  customer = await ctxOf(w.customer.user);
});
afterAll(async () => { await t?.cleanup(); });

const newTicket = (p: Partial<CreateTicketProps> = {}) => createTicket(agent, {
  subject: 'Bulk me', departmentId: 1, channel: 'api', requester: { email: 'carla@acme.example' },
  messages: [{ body: 'Hello', messageType: 'reply' }], ...p,
});
const reload = async (x: TicketRow) => (await findTicket(rt.db, w.tenantId, x.id))!;
const tagsOf = async (xs: TicketRow[]) => [...(await listTicketTagNames(rt.db, w.tenantId, xs.map((x) => x.id))).values()];

async function eventsSince(last: number, ids: string[]) {
  return rt.db.selectFrom('events').select(['name', 'subject_id', 'payload', 'actor_id']).where('tenant_id', '=', w.tenantId)
    .where('id', '>', last).where('subject_id', 'in', ids).orderBy('id').execute();
}
const lastEventId = async () => Number((await rt.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0);

describe('bulkUpdateTickets', () => {
  it('records per ticket the events, thread lines and jobs of a single change, across batches', async () => {
    const tickets = await Promise.all([1, 2, 3, 4, 5].map(() => newTicket({ status: 'open', priority: 'low' })));
    const last = await lastEventId();
    const jobsBefore = Number((await rt.db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const r = await bulkUpdateTickets(agent, { ids: tickets.map((x) => x.id) }, { status: 'pending', priority: 'high' }, { batchSize: 2 });
    expect(r).toEqual({ matched: 5, updated: 5, unchanged: 0, failed: [] });
    const events = await eventsSince(last, tickets.map((x) => x.id));
    expect(events).toHaveLength(10);
    for (const x of tickets) {
      expect(events.filter((e) => e.subject_id === x.id).map((e) => [e.name, JSON.parse(e.payload)])).toEqual([
        ['ticket.status_changed', { number: x.number, old: 'open', new: 'pending' }],
        ['ticket.priority_changed', { number: x.number, old: 'low', new: 'high' }],
      ]);
      expect(await reload(x)).toMatchObject({ status: 'pending', priority: 'high' });
    }
    for (const e of events) expect(e.actor_id).toBe(w.agent.user.id);
    const lines = await rt.db.selectFrom('messages').select('body').where('tenant_id', '=', w.tenantId)
      .where('ticket_id', 'in', tickets.map((x) => x.id)).where('message_type', '=', 'system').execute();
    expect(lines.map((l) => l.body).sort()).toEqual([
      ...Array(5).fill('Priority changed from low to high by Alex Agent.'), ...Array(5).fill('Status changed from open to pending by Alex Agent.'),
    ]);
    // ticket.status_changed has a subscriber (the resolution mail): one job per event, as for a single change.
    const jobsAfter = Number((await rt.db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(jobsAfter - jobsBefore).toBe(5);
    expect(await bulkUpdateTickets(agent, { ids: tickets.map((x) => x.id) }, { status: 'pending', priority: 'high' })).toEqual({ matched: 5, updated: 0, unchanged: 5, failed: [] });
  });

  it('matches only the tickets a restricted agent may see; the others do not change and are not reported', async () => {
    const hidden = await newTicket({ priority: 'low' });
    const mine = await newTicket({ priority: 'low', departmentId: w.salesDepartmentId });
    const other = await createTicket(rt.systemCtx(w.otherTenantId), { subject: 'Elsewhere', channel: 'api', requester: { email: 'x@other.example' }, messages: [{ body: 'x', messageType: 'reply' }] });
    const r = await bulkUpdateTickets(restricted, { ids: [hidden.id, mine.id, other.id] }, { priority: 'urgent' });
    expect(r).toEqual({ matched: 1, updated: 1, unchanged: 0, failed: [] });
    expect((await reload(hidden)).priority).toBe('low');
    expect((await reload(mine)).priority).toBe('urgent');
    expect((await findTicket(rt.db, w.otherTenantId, other.id))!.priority).not.toBe('urgent');
  });

  it('reports a refused transition and changes the other tickets', async () => {
    const [a, b, c] = [await newTicket(), await newTicket({ status: 'open' }), await newTicket()];
    const r = await bulkUpdateTickets(agent, { ids: [a.id, b.id, c.id] }, { status: 'new', priority: 'critical' });
    expect(r).toEqual({ matched: 3, updated: 2, unchanged: 0, failed: [{ id: b.id, number: b.number, error: 'cannot go back to new once the ticket is open' }] });
    expect((await reload(b))).toMatchObject({ status: 'open', priority: b.priority });
    expect((await reload(a)).priority).toBe('critical');
    expect(await eventsSince(await lastEventId() - 100, [b.id]).then((es) => es.filter((e) => e.name === 'ticket.priority_changed'))).toEqual([]);
  });

  it('adds and removes tags per ticket, recording ticket.tags_changed only where the tags changed', async () => {
    const xs = [await newTicket({ tags: ['printer'] }), await newTicket({ tags: ['printer', 'toner'] }), await newTicket(), await newTicket({ tags: ['urgent'] })];
    const last = await lastEventId();
    const r = await bulkUpdateTickets(agent, { ids: xs.map((x) => x.id) }, { addTags: ['Urgent', 'vip'], removeTags: ['printer'] }, { batchSize: 3 });
    expect(r).toEqual({ matched: 4, updated: 4, unchanged: 0, failed: [] });
    expect(await tagsOf(xs)).toEqual([['urgent', 'vip'], ['toner', 'urgent', 'vip'], ['urgent', 'vip'], ['urgent', 'vip']]);
    const events = await eventsSince(last, xs.map((x) => x.id));
    expect(events.map((e) => [e.subject_id, e.name, JSON.parse(e.payload)])).toEqual([
      [xs[0].id, 'ticket.tags_changed', { number: xs[0].number, old: ['printer'], new: ['urgent', 'vip'] }],
      [xs[1].id, 'ticket.tags_changed', { number: xs[1].number, old: ['printer', 'toner'], new: ['toner', 'urgent', 'vip'] }],
      [xs[2].id, 'ticket.tags_changed', { number: xs[2].number, old: [], new: ['urgent', 'vip'] }],
      [xs[3].id, 'ticket.tags_changed', { number: xs[3].number, old: ['urgent'], new: ['urgent', 'vip'] }],
    ]);
    expect(await bulkUpdateTickets(agent, { ids: xs.map((x) => x.id) }, { addTags: ['vip'], removeTags: ['printer'] })).toMatchObject({ updated: 0, unchanged: 4 });
  });

  it('sets each ticket its own status timestamps (closing keeps an earlier resolution time)', async () => {
    const [resolved, open] = [await newTicket(), await newTicket({ status: 'open' })];
    await updateTicket(agent, resolved.id, { status: 'resolved' });
    const resolvedAt = (await reload(resolved)).resolved_at;
    await new Promise((r) => setTimeout(r, 5));
    expect(await bulkUpdateTickets(agent, { ids: [resolved.id, open.id] }, { status: 'closed' })).toMatchObject({ updated: 2 });
    const [a, b] = [await reload(resolved), await reload(open)];
    expect(a).toMatchObject({ status: 'closed', resolved_at: resolvedAt });
    expect(b.status).toBe('closed');
    expect(b.resolved_at).toBe(b.closed_at);
    expect(b.resolved_at! > resolvedAt!).toBe(true);
  });

  it('assigning new tickets opens them, as a single change does', async () => {
    const [a, b] = [await newTicket(), await newTicket({ status: 'pending' })];
    await bulkUpdateTickets(agent, { ids: [a.id, b.id] }, { assigneeId: w.agent.user.id });
    expect(await reload(a)).toMatchObject({ status: 'open', assignee_id: w.agent.user.id });
    expect(await reload(b)).toMatchObject({ status: 'pending', assignee_id: w.agent.user.id });
  });

  it('by filter changes exactly the tickets the same ids would', async () => {
    const xs = [await newTicket({ tags: ['filter-me'] }), await newTicket({ tags: ['filter-me'], status: 'open' }), await newTicket({ tags: ['filter-me'], departmentId: w.salesDepartmentId })];
    await newTicket({ tags: ['not-me'] });
    const byFilter = await bulkUpdateTickets(agent, { filter: { tag: 'filter-me', status: ['new'] } }, { priority: 'high' });
    const same = xs.filter((x) => x.status === 'new');
    expect(byFilter).toEqual({ matched: same.length, updated: same.length, unchanged: 0, failed: [] });
    expect(await bulkUpdateTickets(agent, { ids: same.map((x) => x.id) }, { priority: 'high' })).toEqual({ matched: same.length, updated: 0, unchanged: same.length, failed: [] });
    expect((await reload(xs[1])).priority).not.toBe('high');
    // A restricted agent's filter finds only what its list shows.
    expect((await bulkUpdateTickets(restricted, { filter: { tag: 'filter-me' } }, { priority: 'urgent' })).matched).toBe(1);
  });

  it('refuses invalid changes before changing anything, and customers outright', async () => {
    const x = await newTicket({ priority: 'low' });
    const last = await lastEventId();
    await expect(bulkUpdateTickets(agent, { ids: [x.id] }, {})).rejects.toMatchObject({ status: 422 });
    await expect(bulkUpdateTickets(agent, { ids: [x.id] }, { priority: 'high', addTags: ['a'], removeTags: ['A'] })).rejects.toMatchObject({ status: 422 });
    await expect(bulkUpdateTickets(agent, { ids: [x.id] }, { priority: 'high', departmentId: 999 })).rejects.toMatchObject({ status: 422 });
    await expect(bulkUpdateTickets(agent, { ids: [x.id] }, { priority: 'high', assigneeId: w.customer.user.id })).rejects.toMatchObject({ status: 422 });
    await expect(bulkUpdateTickets(customer, { ids: [x.id] }, { status: 'closed' })).rejects.toMatchObject({ status: 403 });
    expect((await reload(x)).priority).toBe('low');
    expect(await eventsSince(last, [x.id])).toEqual([]);
  });

  it('a single change refuses the same transition', async () => {
    const x = await newTicket({ status: 'open' });
    await expect(updateTicket(agent, x.id, { status: 'new' })).rejects.toMatchObject({ status: 422 });
  });
});
