/**
 * SLA due times wired to tickets (docs/sla.md), on the real database: computed on create,
 * recomputed on a change of priority, paused by status, stopped by the first agent reply;
 * alerts raised once, however many workers check at once; the sweep; policy precedence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import type { Runtime } from '../../runtime.ts';
import type { Ctx } from '../shared/context.ts';
import { createTicket } from '../tickets/create-ticket.ts';
import { replyToTicket } from '../tickets/reply-to-ticket.ts';
import { findTicket, type TicketRow } from '../tickets/tickets.repo.ts';
import { updateTicket } from '../tickets/update-ticket.ts';
import { updateSettings } from '../settings/update-settings.ts';
import { loadActor } from '../users/load-actor.ts';
import { checkTicketSla } from './check-ticket-sla.ts';
import { createSlaPolicy, deleteSlaPolicy, type SlaPolicyInput } from './manage-sla-policies.ts';
import { BUILT_IN_POLICY } from './sla-policy-values.ts';
import { sweepSla } from './sweep-sla.task.ts';

const H = 3_600_000;
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
afterAll(async () => { await t?.cleanup(); });

const open = (priority: 'low' | 'medium' | 'critical', email = 'sla@example.org') => createTicket(agent, {
  subject: 'Clock', departmentId: 1, priority, status: 'open', channel: 'api', requester: { email }, messages: [{ body: 'Help', messageType: 'note' }],
});
const reload = async (ticket: TicketRow) => (await findTicket(rt.db, w.tenantId, ticket.id))!;
const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));
/** When the ticket's timer jobs fire (one per mark asked for; the chain adds the next as each fires). */
const timers = async (ticketId: string) => (await rt.db.selectFrom('jobs').select('run_at').where('name', '=', 'sla.check_ticket').where('unique_key', 'like', `sla:${ticketId}:%`).orderBy('run_at').execute()).map((j) => Date.parse(j.run_at));
const slaEvents = async (ticketId: string) => (await rt.db.selectFrom('events').select(['name', 'payload']).where('tenant_id', '=', w.tenantId).where('subject_id', '=', ticketId).where('name', 'like', 'ticket.sla_%').orderBy('id').execute())
  .map((e) => `${e.name} ${JSON.parse(e.payload).target}`);
const policy = (over: Partial<SlaPolicyInput>): SlaPolicyInput => ({
  name: 'P', scope: { type: 'default' }, targets: BUILT_IN_POLICY.targets, businessHours: null, timeZone: 'UTC', pauseStatuses: ['pending', 'on_hold'], nearBreach: 0.8, ...over,
});

describe('SLA on tickets', () => {
  it('sets due times from the built-in table on create, with one durable timer at the next mark', async () => {
    const ticket = await open('medium');
    const created = Date.parse(ticket.created_at);
    expect(ms(ticket.first_response_due_at)).toBe(created + 8 * H);
    expect(ms(ticket.resolution_due_at)).toBe(created + 48 * H);
    expect(ms(ticket.sla_due_at)).toBe(created + 8 * H);
    expect(ms(ticket.sla_next_check_at)).toBe(created + 0.8 * 8 * H);
    expect(await timers(ticket.id)).toEqual([created + 0.8 * 8 * H]);
    expect((await reload(ticket)).first_response_due_at).toBe(ticket.first_response_due_at);
  });

  it('without a default policy, takes the targets of the tenant setting sla_targets', async () => {
    const targets = { critical: { first_response_hours: 1, resolution_hours: 4 }, urgent: { first_response_hours: 2, resolution_hours: 8 }, high: { first_response_hours: 4, resolution_hours: 24 }, medium: { first_response_hours: 1.5, resolution_hours: 10 }, low: { first_response_hours: 24, resolution_hours: 72 } };
    await updateSettings(admin, { sla_targets: targets });
    try {
      const ticket = await open('medium');
      const created = Date.parse(ticket.created_at);
      expect(ms(ticket.first_response_due_at)).toBe(created + 1.5 * H);
      expect(ms(ticket.resolution_due_at)).toBe(created + 10 * H);
    } finally {
      await updateSettings(admin, { sla_targets: { ...targets, medium: { first_response_hours: 8, resolution_hours: 48 } } });
    }
  });

  it('recomputes on a change of priority, with new timers for the new due times', async () => {
    const ticket = await open('low');
    expect(ms(ticket.first_response_due_at)).toBe(Date.parse(ticket.created_at) + 24 * H);
    const after = await updateTicket(agent, ticket.id, { priority: 'critical' });
    expect(ms(after.first_response_due_at)).toBe(Date.parse(ticket.created_at) + 1 * H);
    expect(ms(after.resolution_due_at)).toBe(Date.parse(ticket.created_at) + 4 * H);
    // The old chain's next mark, and the new one's (the old job will find nothing due and queue the new chain's mark, already there).
    expect(await timers(ticket.id)).toEqual([Date.parse(ticket.created_at) + 0.8 * 1 * H, Date.parse(ticket.created_at) + 0.8 * 24 * H]);
  });

  it('pauses while pending (no due time), and runs on when the customer answers', async () => {
    const ticket = await open('critical');
    const pending = await updateTicket(agent, ticket.id, { status: 'pending' });
    expect(pending).toMatchObject({ first_response_due_at: null, resolution_due_at: null, sla_due_at: null });
    expect(JSON.parse(pending.sla_pauses!)).toEqual([['pending', expect.any(String), null]]);
    const reopened = await updateTicket(agent, ticket.id, { status: 'open' });
    const [[, from, to]] = JSON.parse(reopened.sla_pauses!);
    expect(ms(reopened.resolution_due_at)).toBe(Date.parse(ticket.created_at) + 4 * H + (Date.parse(to) - Date.parse(from)));
  });

  it('stops the first-response clock at the first agent reply; resolving stops the other', async () => {
    const ticket = await open('critical');
    await replyToTicket(agent, ticket.id, { body: 'On it', messageType: 'reply', channel: 'api' });
    const replied = await reload(ticket);
    expect(replied.first_response_at).not.toBeNull();
    expect(replied.first_response_due_at).toBeNull();
    expect(replied.resolution_due_at).toBe(ticket.resolution_due_at);
    const resolved = await updateTicket(agent, ticket.id, { status: 'resolved' });
    expect(resolved).toMatchObject({ resolution_due_at: null, sla_due_at: null, resolution_breached_at: null });
    expect(await checkTicketSla(agent, ticket.id, Date.parse(ticket.created_at) + 10 * H)).toEqual([]);
  });

  it('raises the warning, then the breach, once each, even with two workers checking at once', async () => {
    const ticket = await open('critical');
    const created = Date.parse(ticket.created_at);
    const [a, b] = await Promise.all([checkTicketSla(agent, ticket.id, created + 0.85 * H), checkTicketSla(agent, ticket.id, created + 0.85 * H)]);
    expect([...a, ...b]).toEqual([{ target: 'first_response', kind: 'warning' }]);
    // Each check queues the timer of the mark after it: here the first-response breach.
    expect(await timers(ticket.id)).toEqual([created + 0.8 * H, created + H]);
    const [c, d] = await Promise.all([checkTicketSla(agent, ticket.id, created + 1.5 * H), checkTicketSla(agent, ticket.id, created + 1.5 * H)]);
    expect([...c, ...d]).toEqual([{ target: 'first_response', kind: 'breach' }]);
    expect(await checkTicketSla(agent, ticket.id, created + 1.6 * H)).toEqual([]);
    expect(await slaEvents(ticket.id)).toEqual(['ticket.sla_warning first_response', 'ticket.sla_breached first_response']);
    const after = await reload(ticket);
    expect(ms(after.first_response_breached_at)).toBe(created + H);
    expect(ms(after.sla_next_check_at)).toBe(created + 0.8 * 4 * H);
    expect((await timers(ticket.id)).at(-1)).toBe(created + 0.8 * 4 * H);
    const notify = await rt.db.selectFrom('jobs').select('name').where('name', 'in', ['notify.sla_warning', 'notify.sla_breached']).where('payload', 'like', `%${ticket.id}%`).execute();
    expect(notify.map((j) => j.name).sort()).toEqual(['notify.sla_breached', 'notify.sla_warning']);
  });

  it('the sweep checks what is due and moves each ticket to its next mark', async () => {
    const ticket = await open('critical');
    const created = Date.parse(ticket.created_at);
    expect(await sweepSla(rt, created + 0.5 * H)).toBe(0);
    expect(await sweepSla(rt, created + 4.5 * H)).toBeGreaterThanOrEqual(1);
    expect(await slaEvents(ticket.id)).toEqual(['ticket.sla_breached first_response', 'ticket.sla_breached resolution']);
    expect((await reload(ticket)).sla_next_check_at).toBeNull();
  });

  it('takes the organisation policy over the department one over the default; deleting falls back', async () => {
    const targets = (first: number) => ({ ...BUILT_IN_POLICY.targets, medium: { first_response: first, resolution: 600 } });
    const byDefault = await createSlaPolicy(admin, policy({ name: 'Default', targets: targets(30) }));
    const byDept = await createSlaPolicy(admin, policy({ name: 'Support', scope: { type: 'department', departmentId: 1 }, targets: targets(20) }));
    const byOrg = await createSlaPolicy(admin, policy({ name: 'Gold', scope: { type: 'organisation', organisationId: w.organisationId }, targets: targets(10) }));
    const due = async (email: string) => { const x = await open('medium', email); return (ms(x.first_response_due_at)! - Date.parse(x.created_at)) / 60_000; };
    expect(await due(w.customer.user.email)).toBe(10);
    expect(await due('outsider@example.net')).toBe(20);
    await deleteSlaPolicy(admin, byDept.id);
    expect(await due('outsider@example.net')).toBe(30);
    await deleteSlaPolicy(admin, byOrg.id);
    await deleteSlaPolicy(admin, byDefault.id);
    expect(await due(w.customer.user.email)).toBe(8 * 60);
  });

  it('counts business hours only: Friday 16:00 in Madrid with a 4 h target is due Monday 12:00', async () => {
    const p = await createSlaPolicy(admin, policy({
      name: 'Office', timeZone: 'Europe/Madrid', targets: { ...BUILT_IN_POLICY.targets, high: { first_response: 240, resolution: 480 } },
      businessHours: { week: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })), holidays: [] },
    }));
    const ticket = await open('high' as 'medium');
    const friday = Date.parse('2026-12-04T15:00:00Z');
    await rt.db.updateTable('tickets').set({ created_at: new Date(friday).toISOString() }).where('id', '=', ticket.id).execute();
    const after = await updateTicket(agent, ticket.id, { priority: 'critical' }).then(() => updateTicket(agent, ticket.id, { priority: 'high' }));
    expect(after.first_response_due_at).toBe('2026-12-07T11:00:00.000Z');
    await deleteSlaPolicy(admin, p.id);
  });
});
