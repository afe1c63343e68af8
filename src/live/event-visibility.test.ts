/** The live stream's visibility rule, case by case (pure: no database). */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/shared/context.ts';
import type { TicketRow } from '../domain/tickets/tickets.repo.ts';
import { canSeeEvent, type VisibleEvent } from './event-visibility.ts';

const T = 'tenant-a';
const actor = (role: Actor['role'], more: Partial<Actor> = {}): Actor => ({
  kind: 'user', id: `${role}-1`, tenantId: T, role, name: role, email: `${role}@x.example`, organisationId: null,
  canAccessTicketing: true, restrictedToDepartments: false, departmentIds: [1], scopes: null, ...more,
});
const ticket = (more: Partial<TicketRow> = {}) => ({
  id: 'tk', tenant_id: T, requester_id: 'customer-1', organisation_id: 'org-1', department_id: 1, assignee_id: null, ...more,
}) as TicketRow;
const ev = (name: string, more: Partial<VisibleEvent> = {}): VisibleEvent => ({ tenantId: T, name, subjectType: 'ticket', subjectId: 'tk', payload: {}, ...more });
const open = { customersSeeOrganisation: false };

describe('canSeeEvent', () => {
  it('never crosses tenants, whatever the role', () => {
    for (const role of ['admin', 'agent', 'customer'] as const) {
      expect(canSeeEvent(actor(role), ev('ticket.created', { tenantId: 'tenant-b' }), ticket(), open)).toBe(false);
      expect(canSeeEvent(actor(role), ev('settings.updated', { tenantId: 'tenant-b', subjectType: 'tenant' }), null, open)).toBe(false);
    }
    expect(canSeeEvent(actor('admin'), ev('ticket.created'), ticket({ tenant_id: 'tenant-b' }), open)).toBe(false);
  });

  it('gives a customer the events of their own tickets only (and their organisation\'s when allowed)', () => {
    const c = actor('customer', { organisationId: 'org-1' });
    expect(canSeeEvent(c, ev('message.created'), ticket(), open)).toBe(true);
    expect(canSeeEvent(c, ev('ticket.status_changed'), ticket({ requester_id: 'someone' }), open)).toBe(false);
    expect(canSeeEvent(c, ev('ticket.status_changed'), ticket({ requester_id: 'someone' }), { customersSeeOrganisation: true })).toBe(true);
    expect(canSeeEvent(c, ev('ticket.created'), null, open)).toBe(false);
  });

  it('keeps notes and delivery failures from customers, also a note logged as message.created', () => {
    const c = actor('customer');
    for (const e of [ev('note.created'), ev('message.delivery_failed'), ev('message.created', { payload: { message_type: 'note' } })]) {
      expect(canSeeEvent(c, e, ticket(), open)).toBe(false);
      expect(canSeeEvent(actor('agent'), e, ticket(), open)).toBe(true);
    }
    expect(canSeeEvent(c, ev('message.created', { payload: { message_type: 'reply' } }), ticket(), open)).toBe(true);
  });

  it('tells a customer of a scheduled reply only when it is published, and never that one was cancelled', () => {
    const c = actor('customer');
    for (const e of [ev('message.created', { payload: { scheduled: true } }), ev('message.schedule_cancelled')]) {
      expect(canSeeEvent(c, e, ticket(), open)).toBe(false);
      expect(canSeeEvent(actor('agent'), e, ticket(), open)).toBe(true);
    }
    expect(canSeeEvent(c, ev('message.published'), ticket(), open)).toBe(true);
  });

  it('limits an agent restricted to departments to their departments and assigned tickets', () => {
    const a = actor('agent', { restrictedToDepartments: true, departmentIds: [2] });
    expect(canSeeEvent(a, ev('ticket.created'), ticket(), open)).toBe(false);
    expect(canSeeEvent(a, ev('ticket.created'), ticket({ department_id: 2 }), open)).toBe(true);
    expect(canSeeEvent(a, ev('ticket.assigned'), ticket({ assignee_id: 'agent-1' }), open)).toBe(true);
  });

  it('refuses ticket events to an account without can_access_ticketing, even an admin', () => {
    expect(canSeeEvent(actor('agent', { canAccessTicketing: false }), ev('ticket.created'), ticket(), open)).toBe(false);
    expect(canSeeEvent(actor('admin', { canAccessTicketing: false }), ev('ticket.created'), ticket(), open)).toBe(false);
  });

  it('gives events that are not about tickets to admins only', () => {
    for (const [name, subjectType] of [['settings.updated', 'tenant'], ['mailbox.created', 'mailbox'], ['user.created', 'user'], ['job.retried', 'job'], ['inbound.discarded', 'inbound_message']]) {
      expect(canSeeEvent(actor('admin'), ev(name, { subjectType }), null, open)).toBe(true);
      expect(canSeeEvent(actor('agent'), ev(name, { subjectType }), null, open)).toBe(false);
      expect(canSeeEvent(actor('customer'), ev(name, { subjectType }), null, open)).toBe(false);
    }
  });

  it('gives an in-app notification to the user it is for, and nobody else', () => {
    const n = ev('notification.created', { subjectType: 'user', subjectId: 'agent-1' });
    expect(canSeeEvent(actor('agent'), n, null, open)).toBe(true);
    expect(canSeeEvent(actor('admin'), n, null, open)).toBe(false);
    expect(canSeeEvent(actor('customer'), n, null, open)).toBe(false);
    // Same user id, another tenant; or a notification event whose subject is not a user.
    expect(canSeeEvent(actor('agent'), { ...n, tenantId: 'tenant-b' }, null, open)).toBe(false);
    expect(canSeeEvent(actor('agent'), { ...n, subjectType: 'ticket' }, null, open)).toBe(false);
  });
});
