/**
 * Who may see and act on received mail: admins only; the system actor may discard,
 * reprocess and accept (CLI, jobs), but reading through the API needs a person.
 */
import type { Acting } from '../shared/context.ts';
import { requireAdmin } from '../shared/require-admin.ts';

export type InboundMessageAction = 'read' | 'discard' | 'reprocess' | 'accept';

/** Throws ForbiddenError unless the actor may do this to received mail. */
export function authorizeInboundMessage(actor: Acting, action: InboundMessageAction): void {
  if (action === 'read') requireAdmin(actor, 'Only admins can see received mail.', false);
  else requireAdmin(actor, `Only admins can ${action} received mail.`, true);
}
