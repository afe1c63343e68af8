/**
 * Who may see which event on the live stream: the same rules as the API. Only the
 * actor's tenant; ticket events only for tickets the actor may read (ticket.policy.ts);
 * internal notes, delivery failures and scheduled replies not yet sent only for staff; everything else (settings,
 * mailboxes, users, jobs, inbound mail…) only for admins, as the audit log is. An in-app
 * notification (`notification.*`, subject: the user) reaches only the user it is for.
 */
import type { Actor } from '../domain/shared/context.ts';
import { canReadNotes, canReadTicket, type VisibilityOptions } from '../domain/tickets/ticket.policy.ts';
import type { TicketRow } from '../domain/tickets/tickets.repo.ts';

export interface VisibleEvent {
  tenantId: string;
  name: string;
  subjectType: string;
  subjectId: string;
  payload: Record<string, unknown>;
}

/** Ticket events that only staff may see, whoever may read the ticket. */
const STAFF_ONLY = new Set(['note.created', 'message.delivery_failed', 'message.schedule_cancelled']);

/** Whether a ticket event is about internal content (a note, or a message logged before notes had their own event). */
export function isStaffOnlyEvent(e: Pick<VisibleEvent, 'name' | 'payload'>): boolean {
  if (STAFF_ONLY.has(e.name)) return true;
  // A scheduled reply is the customer's only once published (message.published).
  if (e.name === 'message.created' && e.payload.scheduled === true) return true;
  const type = e.payload.message_type;
  return e.name === 'message.created' && type === 'note';
}

/** The one rule: may this actor see this event, given the ticket it concerns as it is now (null: none or gone). */
export function canSeeEvent(actor: Actor, e: VisibleEvent, ticket: TicketRow | null, opts: VisibilityOptions): boolean {
  if (e.tenantId !== actor.tenantId) return false;
  if (e.name.startsWith('notification.')) return e.subjectType === 'user' && e.subjectId === actor.id;
  if (e.subjectType !== 'ticket') return actor.role === 'admin';
  if (!actor.canAccessTicketing || !ticket || ticket.tenant_id !== actor.tenantId) return false;
  if (isStaffOnlyEvent(e) && !canReadNotes(actor)) return false;
  return canReadTicket(actor, ticket, opts);
}
