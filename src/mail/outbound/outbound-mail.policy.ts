/**
 * Who may see and act on the outbox. Admins: everything. Agents: only their own scheduled
 * replies (list them, change send_at, cancel), on tickets they can still see (the commands
 * check the ticket); any other outbox row is not found for them. Parley itself may only
 * cancel (a scheduled reply is cancelled when the customer writes first). Customers and
 * anonymous callers: nothing.
 */
import { isPerson, isSystem, type Acting } from '../../domain/shared/context.ts';
import { ForbiddenError, NotFoundError } from '../../domain/shared/errors.ts';

export type OutboundMailAction = 'read' | 'cancel' | 'retry' | 'release' | 'reschedule';

/** What the policy needs to know of one row: the author of the scheduled reply it carries, if it carries one. */
export interface OutboundMailFacts { scheduledBy: string | null }

/** The actions an agent may take on their own scheduled reply. */
const AGENT_ACTIONS: ReadonlySet<OutboundMailAction> = new Set(['read', 'cancel', 'reschedule']);

/** Throws unless the actor may do this; without `mail`, whether they may do it to some mail (lists, before loading). */
export function authorizeOutboundMail(actor: Acting, action: OutboundMailAction, mail?: OutboundMailFacts): void {
  if (isSystem(actor)) {
    if (action !== 'cancel') throw new ForbiddenError(`Only admins can ${action} outgoing mail.`);
    return;
  }
  if (isPerson(actor) && actor.role === 'admin') return;
  if (isPerson(actor) && actor.role === 'agent' && AGENT_ACTIONS.has(action)) {
    if (!mail) return;
    if (mail.scheduledBy === actor.id) return;
    throw new NotFoundError('outbound mail');
  }
  throw new ForbiddenError(action === 'read' ? 'Only admins can see outgoing mail.' : `Only admins can ${action} outgoing mail.`);
}

/** The list filter: admins read the whole outbox, agents only the scheduled replies they wrote. */
export function outboundMailScope(actor: Acting): { scheduledBy: string } | 'all' {
  authorizeOutboundMail(actor, 'read');
  return isPerson(actor) && actor.role === 'admin' ? 'all' : { scheduledBy: isPerson(actor) ? actor.id : '' };
}
