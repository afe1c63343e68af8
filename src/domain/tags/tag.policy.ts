/**
 * Who may do what with tags: everyone signed in lists them (staff also see counts); staff
 * create them and tag tickets (so may the system actor, e.g. mail); admins delete them.
 */
import { isStaff, isSystem, type Acting } from '../shared/context.ts';
import { ForbiddenError } from '../shared/errors.ts';
import { requireAdmin } from '../shared/require-admin.ts';

export type TagAction = 'create' | 'apply' | 'delete';

/** Throws ForbiddenError unless the actor may do this to tags. */
export function authorizeTag(actor: Acting, action: TagAction): void {
  if (action === 'create') {
    if (!isStaff(actor)) throw new ForbiddenError('Only agents can create tags.');
  } else if (action === 'apply') {
    if (!isStaff(actor) && !isSystem(actor)) throw new ForbiddenError('Only agents can tag tickets.');
  } else requireAdmin(actor, 'Only admins can delete tags.', false);
}

/** How many tickets carry each tag is for staff only. */
export const canSeeTagCounts = (actor: Acting): boolean => isStaff(actor);
