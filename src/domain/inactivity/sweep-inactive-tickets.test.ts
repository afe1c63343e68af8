/**
 * Inactive tickets (seed 002): one reminder per period of inactivity, closing after the
 * period (never before the reminder had its days), only in the chosen statuses; a person's
 * activity starts a new period, automatic changes do not; pruning twice, or in two
 * processes at once, reminds and closes once. Time is moved with a fake Date, never slept.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DAY, drainJobs, fakeClock, inactivityEvents, openDesk, reminderMails, setInactivity, waitingTicket,
} from '../../../test/helpers/inactivity-desk.ts';
import { createTestRuntime, testDialect, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { createRuntime, type Runtime } from '../../runtime.ts';
import { systemCtx } from '../shared/context.ts';
import { settingsRegistry } from '../settings/registry.ts';
import { replyToTicket } from '../tickets/reply-to-ticket.ts';
import { findTicket } from '../tickets/tickets.repo.ts';
import { updateTicket } from '../tickets/update-ticket.ts';
import { addSystemMessage } from '../tickets/system-message.ts';
import { pruneInactiveTickets } from './prune-inactive-tickets.ts';
import { enqueueScheduledJobs, schedule, slotKey } from '../../jobs/schedule.ts';

let t: TestRuntime;
let rt: Runtime;
let clock: ReturnType<typeof fakeClock>;

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
});
afterAll(async () => { await t?.cleanup(); });
beforeEach(() => { clock = fakeClock(); });
afterEach(() => { vi.useRealTimers(); });

/** Prunes the desk's tenant now; answers what was done. */
async function prune(tenantId: string) {
  const [o] = await pruneInactiveTickets(rt, { tenantId });
  return { reminded: o!.reminded, closed: o!.closed, failed: o!.failed };
}
const status = async (tenantId: string, id: string) => (await findTicket(rt.db, tenantId, id))!.status;

describe('reminding and closing inactive tickets', () => {
  it('reminds once (event and mail), then closes after the period through the ticket commands', async () => {
    const d = await openDesk(rt);
    const ticket = await waitingTicket(rt, d);
    const idleSince = ticket.last_activity_at!;
    expect(Date.parse(idleSince)).toBe(clock.now().getTime());

    clock.advance(6.9);
    expect(await prune(d.tenantId)).toEqual({ reminded: 0, closed: 0, failed: 0 });
    clock.advance(0.2);
    expect(await prune(d.tenantId)).toEqual({ reminded: 1, closed: 0, failed: 0 });
    expect(await prune(d.tenantId)).toEqual({ reminded: 0, closed: 0, failed: 0 });
    // Reminded 7.1 days in: the closing waits the reminder's 3 days, past the 10 days of the period.
    const closeAt = new Date(clock.now().getTime() + 3 * DAY).toISOString();
    expect(await inactivityEvents(rt, d.tenantId, ticket.id)).toEqual([{
      name: 'ticket.inactivity_reminder', actorId: null,
      payload: { number: ticket.number, status: 'pending', last_activity_at: idleSince, close_at: closeAt },
    }]);
    await drainJobs(rt);
    await drainJobs(rt);
    const mails = await reminderMails(rt, d.tenantId, ticket.id);
    expect(mails).toHaveLength(1);
    expect(JSON.parse(mails[0]!.to_addresses)).toEqual([d.customerEmail]);
    expect(Boolean(mails[0]!.automatic)).toBe(true);
    expect(mails[0]!.subject).toContain(ticket.number);
    expect(mails[0]!.body_text).toContain(`close it on ${closeAt.slice(0, 10)}`);
    // The reminder is not activity: the period runs on.
    expect((await findTicket(rt.db, d.tenantId, ticket.id))!.last_activity_at).toBe(idleSince);

    clock.advance(2.8);
    expect(await prune(d.tenantId)).toEqual({ reminded: 0, closed: 0, failed: 0 });
    clock.advance(0.2);
    expect(await prune(d.tenantId)).toEqual({ reminded: 0, closed: 1, failed: 0 });
    expect(await prune(d.tenantId)).toEqual({ reminded: 0, closed: 0, failed: 0 });
    expect(await status(d.tenantId, ticket.id)).toBe('closed');
    const events = await inactivityEvents(rt, d.tenantId, ticket.id);
    expect(events.slice(-2)).toEqual([
      { name: 'ticket.status_changed', actorId: null, payload: { number: ticket.number, old: 'pending', new: 'closed' } },
      { name: 'ticket.closed_inactive', actorId: null, payload: { number: ticket.number, previous_status: 'pending', last_activity_at: idleSince } },
    ]);
    const lines = await rt.db.selectFrom('messages').select('body').where('tenant_id', '=', d.tenantId).where('ticket_id', '=', ticket.id)
      .where('message_type', '=', 'system').orderBy('created_at').orderBy('id').execute();
    expect(lines.map((l) => l.body).slice(-2)).toEqual(['Status changed from pending to closed.', 'Closed automatically after 10 days without activity.']);
    await drainJobs(rt);
    expect(await reminderMails(rt, d.tenantId, ticket.id)).toHaveLength(1);
  });

  it('reminds a ticket found late first, and closes it only once the reminder had its days', async () => {
    const d = await openDesk(rt);
    const ticket = await waitingTicket(rt, d, 'resolved');
    clock.advance(30);
    expect(await prune(d.tenantId)).toEqual({ reminded: 1, closed: 0, failed: 0 });
    const [reminder] = await inactivityEvents(rt, d.tenantId, ticket.id);
    expect(reminder!.payload.close_at).toBe(new Date(clock.now().getTime() + 3 * DAY).toISOString());
    clock.advance(2.9);
    expect(await prune(d.tenantId)).toEqual({ reminded: 0, closed: 0, failed: 0 });
    clock.advance(0.2);
    expect(await prune(d.tenantId)).toEqual({ reminded: 0, closed: 1, failed: 0 });
    expect(await status(d.tenantId, ticket.id)).toBe('closed');
  });

  it('closes without a reminder when reminders are off, and does nothing when closing is off', async () => {
    const d = await openDesk(rt, { send_ticket_close_reminder: false });
    const ticket = await waitingTicket(rt, d);
    clock.advance(9.9);
    expect(await prune(d.tenantId)).toEqual({ reminded: 0, closed: 0, failed: 0 });
    const off = await openDesk(rt, { close_inactive_tickets: false });
    const kept = await waitingTicket(rt, off);
    clock.advance(20);
    expect(await prune(d.tenantId)).toEqual({ reminded: 0, closed: 1, failed: 0 });
    expect(await inactivityEvents(rt, d.tenantId, ticket.id)).toEqual([
      expect.objectContaining({ name: 'ticket.status_changed' }), expect.objectContaining({ name: 'ticket.closed_inactive' }),
    ]);
    expect(await prune(off.tenantId)).toEqual({ reminded: 0, closed: 0, failed: 0 });
    expect(await status(off.tenantId, kept.id)).toBe('pending');
  });

  it('touches only the statuses of inactive_ticket_statuses (pending and resolved by default; never new)', async () => {
    const d = await openDesk(rt, { send_ticket_close_reminder: false });
    const open = await waitingTicket(rt, d, 'open');
    const onHold = await waitingTicket(rt, d, 'on_hold');
    const pending = await waitingTicket(rt, d, 'pending');
    clock.advance(11);
    expect(await prune(d.tenantId)).toEqual({ reminded: 0, closed: 1, failed: 0 });
    expect([await status(d.tenantId, open.id), await status(d.tenantId, onHold.id), await status(d.tenantId, pending.id)]).toEqual(['open', 'on_hold', 'closed']);
    await setInactivity(rt, d.tenantId, { inactive_ticket_statuses: ['open'] });
    expect(await prune(d.tenantId)).toEqual({ reminded: 0, closed: 1, failed: 0 });
    expect(await status(d.tenantId, open.id)).toBe('closed');
    expect(await status(d.tenantId, onHold.id)).toBe('on_hold');
    const statuses = settingsRegistry.inactive_ticket_statuses.schema;
    expect(statuses.safeParse(['new']).success).toBe(false);
    expect(statuses.safeParse(['closed']).success).toBe(false);
    expect(statuses.safeParse(['open', 'on_hold']).success).toBe(true);
  });

  it("starts a new period on a person's activity: the customer's answer after the reminder, an agent's change", async () => {
    const d = await openDesk(rt, { inactive_ticket_statuses: ['pending', 'open'] });
    const ticket = await waitingTicket(rt, d);
    clock.advance(7.5);
    expect(await prune(d.tenantId)).toEqual({ reminded: 1, closed: 0, failed: 0 });
    clock.advance(1);
    const answeredAt = clock.now().toISOString();
    await replyToTicket(d.customer, ticket.id, { body: 'Still jams.', messageType: 'reply', channel: 'api' });
    expect(await findTicket(rt.db, d.tenantId, ticket.id)).toMatchObject({ status: 'open', last_activity_at: answeredAt });
    clock.advance(2);
    expect(await prune(d.tenantId)).toEqual({ reminded: 0, closed: 0, failed: 0 });
    // A new period: a second reminder once it is 7 days old, then the closing 3 days later.
    clock.advance(5.1);
    expect(await prune(d.tenantId)).toEqual({ reminded: 1, closed: 0, failed: 0 });
    clock.advance(1);
    const changedAt = clock.now().toISOString();
    await updateTicket(d.agent, ticket.id, { status: 'pending' });
    expect((await findTicket(rt.db, d.tenantId, ticket.id))!.last_activity_at).toBe(changedAt);
    clock.advance(9.9);
    expect(await prune(d.tenantId)).toEqual({ reminded: 1, closed: 0, failed: 0 });
    clock.advance(3);
    expect(await prune(d.tenantId)).toEqual({ reminded: 0, closed: 1, failed: 0 });
    expect((await inactivityEvents(rt, d.tenantId, ticket.id)).filter((e) => e.name === 'ticket.inactivity_reminder').map((e) => e.payload.status))
      .toEqual(['pending', 'open', 'pending']);
  });

  it('does not count automatic changes, system lines or automatic replies filed as notes as activity', async () => {
    const d = await openDesk(rt);
    const ticket = await waitingTicket(rt, d);
    clock.advance(5);
    const automation = systemCtx(rt, d.tenantId, 'automation');
    await updateTicket(automation, ticket.id, { priority: 'high', tags: ['stale'] });
    await addSystemMessage(automation, ticket.id, 'A trigger ran.');
    const { appendMessage } = await import('../tickets/append-message.ts');
    const customerId = (await findTicket(rt.db, d.tenantId, ticket.id))!.requester_id;
    await appendMessage(automation, ticket.id, { messageType: 'note', channel: 'email', authorId: customerId, body: 'Out of office until Monday.' });
    expect((await findTicket(rt.db, d.tenantId, ticket.id))!.last_activity_at).toBe(ticket.last_activity_at);
    clock.advance(2.1);
    expect(await prune(d.tenantId)).toEqual({ reminded: 1, closed: 0, failed: 0 });
    // An agent's internal note is activity.
    await replyToTicket(d.agent, ticket.id, { body: 'Called them, no answer.', messageType: 'note', channel: 'api' });
    expect((await findTicket(rt.db, d.tenantId, ticket.id))!.last_activity_at).toBe(clock.now().toISOString());
  });

  it('runs by itself: the scheduled job prunes every tenant', async () => {
    const d = await openDesk(rt, { send_ticket_close_reminder: false });
    const ticket = await waitingTicket(rt, d);
    clock.advance(10.5);
    const now = clock.now();
    const entry = schedule.find((e) => e.task === 'tickets.prune_inactive')!;
    await enqueueScheduledJobs(rt.db, [entry], now);
    await drainJobs(rt);
    expect(await status(d.tenantId, ticket.id)).toBe('closed');
    const job = await rt.db.selectFrom('jobs').select('status').where('unique_key', '=', slotKey(entry, now)).executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
  });

  it(`never reminds or closes twice when two prunes run at once (${testDialect === 'postgres' ? 'two instances' : 'one instance'})`, async () => {
    const other = testDialect === 'postgres' ? await createRuntime(t.config, { migrate: false, log: () => {} }) : rt;
    try {
      const d = await openDesk(rt);
      const tickets = [];
      for (let i = 0; i < 12; i++) tickets.push(await waitingTicket(rt, d));
      clock.advance(8);
      const both = async () => (await Promise.all([rt, other, rt, other].map((r) => pruneInactiveTickets(r, { tenantId: d.tenantId, batchSize: 5 })))).map(([o]) => o!);
      const first = await both();
      expect(first.reduce((n, o) => n + o.reminded, 0)).toBe(12);
      expect(first.reduce((n, o) => n + o.failed, 0)).toBe(0);
      clock.advance(3);
      const second = await both();
      expect(second.reduce((n, o) => n + o.closed, 0)).toBe(12);
      expect(second.reduce((n, o) => n + o.reminded + o.failed, 0)).toBe(0);
      const events = await rt.db.selectFrom('events').select(['name', 'subject_id']).where('tenant_id', '=', d.tenantId)
        .where('name', 'in', ['ticket.inactivity_reminder', 'ticket.closed_inactive', 'ticket.status_changed']).where('actor_id', 'is', null).execute();
      for (const name of ['ticket.inactivity_reminder', 'ticket.closed_inactive', 'ticket.status_changed']) {
        const ids = events.filter((e) => e.name === name).map((e) => e.subject_id);
        expect(ids.length, name).toBe(12);
        expect(new Set(ids).size, name).toBe(12);
      }
    } finally {
      if (other !== rt) await other.close();
    }
  });
});
