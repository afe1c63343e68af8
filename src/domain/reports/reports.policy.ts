/**
 * Who may read reports: staff with ticketing. What they see is then limited by the ticket
 * policy (reportScope), so an agent limited to departments sees only their figures.
 */
import { isStaff, requirePerson, type Acting, type Actor } from '../shared/context.ts';
import { ForbiddenError } from '../shared/errors.ts';
import { assertTicketing } from '../tickets/ticket.policy.ts';

export type ReportAction = 'read';

/** Throws unless the actor may read reports; returns the person. */
export function authorizeReports(actor: Acting, _action: ReportAction): Actor {
  const person = requirePerson(actor);
  if (!isStaff(person)) throw new ForbiddenError('Only agents and admins can read reports.');
  assertTicketing(person);
  return person;
}
