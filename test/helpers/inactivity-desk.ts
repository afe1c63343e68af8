/**
 * For the inactivity tests: a tenant of its own (so each test's sweep sees only its
 * tickets), an agent and a customer in it, its inactivity settings, a clock the test
 * moves by days, and the ticket's events and mail as the database holds them.
 */
import { vi } from 'vitest';
import type { Runtime } from '../../src/runtime.ts';
import { upsertSetting } from '../../src/domain/settings/settings.repo.ts';
import type { TenantSettings } from '../../src/domain/settings/registry.ts';
import type { Ctx } from '../../src/domain/shared/context.ts';
import { createTenant } from '../../src/domain/tenants/create-tenant.ts';
import { createTicket } from '../../src/domain/tickets/create-ticket.ts';
import { replyToTicket } from '../../src/domain/tickets/reply-to-ticket.ts';
import { findTicket, type TicketRow } from '../../src/domain/tickets/tickets.repo.ts';
import { createUser } from '../../src/domain/users/create-user.ts';
import { loadActor } from '../../src/domain/users/load-actor.ts';

export const DAY = 24 * 3600_000;
let desks = 0;

/** Freezes Date at the real now; `advance` then moves it. Call vi.useRealTimers() after. */
export function fakeClock(): { advance(days: number): Date; now(): Date } {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now());
  return {
    advance: (days) => { vi.setSystemTime(Date.now() + days * DAY); return new Date(); },
    now: () => new Date(),
  };
}

export type InactivitySettings = Pick<TenantSettings, 'close_inactive_tickets' | 'close_ticket_after_days' | 'send_ticket_close_reminder' | 'reminder_before_ticket_close_days' | 'inactive_ticket_statuses'>;

/** Closing after 10 days, a reminder 3 days before, for pending and resolved tickets. */
export const DEFAULTS: InactivitySettings = {
  close_inactive_tickets: true, close_ticket_after_days: 10, send_ticket_close_reminder: true, reminder_before_ticket_close_days: 3,
  inactive_ticket_statuses: ['pending', 'resolved'],
};

export interface Desk { tenantId: string; agent: Ctx; customer: Ctx; customerEmail: string; slug: string }

export async function openDesk(rt: Runtime, settings: Partial<InactivitySettings> = {}): Promise<Desk> {
  const n = ++desks;
  const slug = `idle-${n}-${process.pid}`;
  const tenant = await createTenant(rt, { name: `Idle ${n}`, slug });
  const system = rt.systemCtx(tenant.id);
  const agent = await createUser(system, { email: `agent${n}@idle.example`, name: 'Ines Agent', role: 'agent', departmentIds: [1] });
  const customerEmail = `carla${n}@idle.example`;
  const customer = await createUser(system, { email: customerEmail, name: 'Carla Idle', role: 'customer' });
  await setInactivity(rt, tenant.id, { ...DEFAULTS, ...settings });
  return {
    tenantId: tenant.id, slug, customerEmail,
    agent: rt.ctx(tenant.id, await loadActor(rt.db, agent), 'api'),
    customer: rt.ctx(tenant.id, await loadActor(rt.db, customer), 'api'),
  };
}

export async function setInactivity(rt: Runtime, tenantId: string, settings: Partial<InactivitySettings>): Promise<void> {
  for (const [key, value] of Object.entries(settings)) await upsertSetting(rt.db, tenantId, key, value, new Date().toISOString());
}

/** A customer's ticket the agent answered, leaving it in `status` (pending: waiting on the customer). */
export async function waitingTicket(rt: Runtime, d: Desk, status: 'pending' | 'resolved' | 'open' | 'on_hold' = 'pending'): Promise<TicketRow> {
  const t = await createTicket(d.customer, { subject: 'Printer jam', channel: 'api', messages: [{ body: 'It jams.', messageType: 'reply' }] });
  await replyToTicket(d.agent, t.id, { body: 'Does it still jam?', messageType: 'reply', channel: 'api', status });
  return (await findTicket(rt.db, d.tenantId, t.id))!;
}

/** The inactivity events of the ticket and its automatic status changes, oldest first, with their payloads. */
export async function inactivityEvents(rt: Runtime, tenantId: string, ticketId: string) {
  const rows = await rt.db.selectFrom('events').select(['name', 'payload', 'actor_id']).where('tenant_id', '=', tenantId)
    .where('subject_id', '=', ticketId).where('name', 'in', ['ticket.inactivity_reminder', 'ticket.closed_inactive', 'ticket.status_changed'])
    // Status changes by Parley only: the agent's own answer set the ticket waiting.
    .where((eb) => eb.or([eb('name', '!=', 'ticket.status_changed'), eb('actor_id', 'is', null)]))
    .orderBy('id').execute();
  return rows.map((r) => ({ name: r.name, payload: JSON.parse(r.payload) as Record<string, unknown>, actorId: r.actor_id }));
}

/** Runs every job that is due, as the worker would. */
export async function drainJobs(rt: Runtime): Promise<void> {
  for (let i = 0; i < 50 && (await rt.worker.runOnce()) > 0; i++) { /* drain */ }
}

/** The close reminders mailed for the ticket. */
export async function reminderMails(rt: Runtime, tenantId: string, ticketId: string) {
  return rt.db.selectFrom('outbound_mails').select(['to_addresses', 'subject', 'body_text', 'automatic']).where('tenant_id', '=', tenantId)
    .where('ticket_id', '=', ticketId).where('dedupe_key', 'like', '%:ticket_close_reminder:%').execute();
}
