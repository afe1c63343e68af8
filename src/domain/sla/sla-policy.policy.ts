/**
 * Who may see and manage SLA policies: admins manage them; agents may read them (the
 * targets explain the due times they work to); customers and anonymous callers never.
 */
import { isPerson, type Acting } from '../shared/context.ts';
import { ForbiddenError } from '../shared/errors.ts';
import { requireAdmin } from '../shared/require-admin.ts';

export type SlaPolicyAction = 'read' | 'save' | 'delete';

/** Throws ForbiddenError unless the actor may do this to SLA policies. */
export function authorizeSlaPolicy(actor: Acting, action: SlaPolicyAction): void {
  if (action === 'read') {
    if (!isPerson(actor) || actor.role === 'customer') throw new ForbiddenError('Only staff can see SLA policies.');
    return;
  }
  requireAdmin(actor, action === 'save' ? 'Only admins can change SLA policies.' : 'Only admins can delete SLA policies.', false);
}
