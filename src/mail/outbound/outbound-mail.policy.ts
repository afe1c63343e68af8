/**
 * Who may see and act on the outbox: admins only, and a person (the system actor is
 * refused here today: nothing automatic lists, cancels, retries or releases mail).
 */
import type { Actor } from '../../domain/shared/context.ts';
import { requireAdmin } from '../../domain/shared/require-admin.ts';

export type OutboundMailAction = 'read' | 'cancel' | 'retry' | 'release';

/** Throws ForbiddenError unless the actor may do this to outgoing mail. */
export function authorizeOutboundMail(actor: Actor | null, action: OutboundMailAction): void {
  const refusal = action === 'read' ? 'Only admins can see outgoing mail.' : `Only admins can ${action} outgoing mail.`;
  requireAdmin(actor, refusal, false);
}
