/**
 * Who may see and change organisations: staff list and read them, a customer reads only
 * their own (any other is "not found"), admins (and the system actor) create and change them.
 */
import { isPerson, isStaff, type Acting } from '../shared/context.ts';
import { requireAdmin } from '../shared/require-admin.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';

export type OrganisationAction = 'list' | 'read' | 'save';

/** Throws ForbiddenError, or NotFoundError for an organisation the actor may not see. */
export function authorizeOrganisation(actor: Acting, action: OrganisationAction, organisationId?: string): void {
  if (action === 'list') {
    if (!isStaff(actor)) throw new ForbiddenError('Only agents and admins can list organisations.');
  } else if (action === 'read') {
    if (!isStaff(actor) && !(isPerson(actor) && actor.organisationId === organisationId)) throw new NotFoundError('organisation');
  } else if (isPerson(actor) && actor.role === 'customer') throw new ForbiddenError();
  else requireAdmin(actor, 'Only admins can change organisations.', true);
}
