import { next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { note } from '../trace.ts';

/**
 * A reply to a closed ticket follows the tenant's response_to_closed_ticket_action
 * (seed 002): reopen the old ticket, or open a new one.
 */
export async function closedTicketPolicy(s: PipelineState): Promise<StepResult> {
  if (!s.ticket || s.ticket.status !== 'closed' || s.asNote) return next();
  if (s.settings.response_to_closed_ticket_action === 'create_new_ticket') {
    note(s.trace, 'closed-ticket-policy', 'new-ticket-instead', `${s.ticket.number} is closed and the tenant answers replies to closed tickets with a new ticket`);
    s.ticket = null;
    s.threadedBy = null;
  } else {
    note(s.trace, 'closed-ticket-policy', 'reopen', `${s.ticket.number} is closed: this reply reopens it (response_to_closed_ticket_action)`);
    s.reopen = true;
  }
  return next();
}
