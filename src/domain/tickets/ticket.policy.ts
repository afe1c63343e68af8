/**
 * Who may see and change which tickets. The list and the detail endpoints use the same
 * visibility rule, so nothing listed is unreadable and nothing readable is unlisted; a
 * ticket the actor may not read is "not found", never "forbidden".
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../shared/context.ts';
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

/** Internal notes are for staff only. */
export const canReadNotes = (actor: Actor): boolean => actor.role !== 'customer';

/** Fields a customer may change on their own ticket: closing it, or reopening a resolved one. */
export function customerMayChange(field: string, value: unknown): boolean {
  return field === 'status' && (value === 'closed' || value === 'open');
}
