import { isConfirmationReply } from '../../../domain/resolution/confirmation-reply.ts';
import { next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { excerpt, note } from '../trace.ts';

/**
 * A customer's answer to a resolved ticket that clearly confirms it ("Yes, solved, thanks")
 * closes the ticket instead of reopening it (docs/satisfaction.md, "Answering the mail").
 * Conservative: only the ticket's requester, only mail written by a person, only a short
 * quote-stripped text that isConfirmationReply accepts; anything else is a normal reply.
 */
export async function confirmResolution(s: PipelineState): Promise<StepResult> {
  if (!s.ticket || s.ticket.status !== 'resolved' || s.asNote || s.autoReply || !s.sender) return next();
  if (s.sender.role !== 'customer' || s.sender.id !== s.ticket.requester_id) return next();
  s.confirmsResolution = isConfirmationReply(s.body);
  if (s.confirmsResolution) note(s.trace, 'confirm-resolution', 'confirms', `the requester confirmed the resolution: ${excerpt(s.body)}; ${s.ticket.number} closes`);
  else note(s.trace, 'confirm-resolution', 'reply', `not a clear confirmation: a normal reply, which reopens ${s.ticket.number}`);
  return next();
}
