/**
 * Who may say they are on a ticket and see who else is: signed-in staff (agents and
 * admins), on tickets they may read (the caller loads the ticket through
 * loadVisibleTicket, which answers "not found" otherwise). Customers never see presence,
 * and Parley itself is never present anywhere.
 */
import { isPerson, isStaff, type Acting, type Actor } from '../shared/context.ts';
import { ForbiddenError, UnauthorizedError } from '../shared/errors.ts';

/** Throws UnauthorizedError (nobody signed in) or ForbiddenError (a customer, Parley itself). */
export function authorizePresence(actor: Acting): asserts actor is Actor {
  if (actor === null) throw new UnauthorizedError();
  if (!isPerson(actor) || !isStaff(actor)) throw new ForbiddenError('Only agents and admins take part in presence.');
}
