/**
 * Who may see and change which tickets. The list and the detail endpoints use the same
 * visibility rule, so nothing listed is unreadable and nothing readable is unlisted; a
 * ticket the actor may not read is "not found", never "forbidden".
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isStaff, isSystem, type Acting, type Actor } from '../shared/context.ts';
import { ForbiddenError } from '../shared/errors.ts';
import type { TicketRow } from './tickets.repo.ts';

export interface VisibilityOptions { customersSeeOrganisation: boolean }

/** Refuses everything ticket-related to an account without `can_access_ticketing`. */
export function assertTicketing(actor: Actor): void {
  if (!actor.canAccessTicketing) throw new ForbiddenError('This account does not have the can_access_ticketing permission.');
}

/** The SQL condition for tickets the actor may read. */
export function visibleTickets(actor: Actor, opts: VisibilityOptions) {
  return (eb: ExpressionBuilder<Database, 'tickets'>): Expression<SqlBool> => {
    if (actor.role === 'customer') {
      const own = eb('tickets.requester_id', '=', actor.id);
      if (opts.customersSeeOrganisation && actor.organisationId) {
        return eb.or([own, eb('tickets.organisation_id', '=', actor.organisationId)]);
      }
      return own;
    }
    if (actor.role === 'agent' && actor.restrictedToDepartments) {
      if (actor.departmentIds.length === 0) return eb('tickets.assignee_id', '=', actor.id);
      return eb.or([eb('tickets.department_id', 'in', actor.departmentIds), eb('tickets.assignee_id', '=', actor.id)]);
    }
    return sql<SqlBool>`1 = 1`;
  };
}

/** The same rule as visibleTickets, for a ticket already loaded. */
export function canReadTicket(actor: Actor, t: TicketRow, opts: VisibilityOptions): boolean {
  if (actor.role === 'customer') {
    return t.requester_id === actor.id || (opts.customersSeeOrganisation && !!actor.organisationId && t.organisation_id === actor.organisationId);
  }
  if (actor.role === 'agent' && actor.restrictedToDepartments) {
    return actor.departmentIds.includes(t.department_id) || t.assignee_id === actor.id;
  }
  return true;
}

/** Internal notes are for staff (and Parley itself) only. */
export const canReadNotes = (actor: Acting): boolean => isStaff(actor) || isSystem(actor);

/** Fields a customer may change on their own ticket: closing it, or reopening a resolved one. */
export function customerMayChange(field: string, value: unknown): boolean {
  return field === 'status' && (value === 'closed' || value === 'open');
}

/** `bulk_update`: the same change applied to many tickets at once (bulk-update-tickets.ts), staff only. */
export type TicketWriteAction = 'create' | 'update' | 'reply' | 'bulk_update';

/** What a write asks for: the types of the messages it adds, and the fields it sets. */
export interface TicketWrite { messageTypes?: string[]; fields?: Record<string, unknown> }

/**
 * The write rules for a ticket the actor may already read (loadVisibleTicket): staff may
 * do everything; a customer writes replies and may only close or reopen. Parley itself
 * (mail) creates as staff; on update and reply it gets the customer's rules, since it
 * acts on the customer's mail. Nobody signed in gets the customer's rules too.
 */
export function authorizeTicket(actor: Acting, action: TicketWriteAction, write: TicketWrite, _ticket?: TicketRow): void {
  if (isStaff(actor) || (action === 'create' && isSystem(actor))) return;
  // Triggers an admin set up act with staff rights (docs/automation.md).
  if (isSystem(actor) && actor.part === 'automation' && action === 'update') return;
  if (action === 'bulk_update') throw new ForbiddenError('Only agents and admins can change tickets in bulk.');
  const types = write.messageTypes ?? [];
  const fields = write.fields ?? {};
  if (action === 'create') {
    if (types.some((m) => m !== 'reply')) throw new ForbiddenError('Customers can only write replies.');
    if (Object.values(fields).some(Boolean)) throw new ForbiddenError('Customers cannot set status, assignee or tags.');
  } else if (action === 'update') {
    const refused = Object.entries(fields).find(([field, value]) => value !== undefined && !customerMayChange(field, value));
    if (refused) throw new ForbiddenError(`Customers cannot change the ${refused[0]} of a ticket.`);
  } else {
    if (types.includes('note')) throw new ForbiddenError('Customers cannot write internal notes.');
    if (fields.status) throw new ForbiddenError('Customers cannot set the status while replying.');
  }
}
