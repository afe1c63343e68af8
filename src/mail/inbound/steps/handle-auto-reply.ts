import { drop, next, type PipelineState, type StepResult } from '../pipeline-state.ts';

/**
 * Machine mail (out-of-office, auto-responders, bulk) never opens a ticket and is never
 * answered. When it continues a ticket by its headers, agents still see it, as a note.
 */
export async function handleAutoReply(s: PipelineState): Promise<StepResult> {
  if (!s.autoReply || s.bounce) return next();
  if (!s.ticket || s.threadedBy === 'subject') return drop('automatic reply that continues no ticket');
  s.asNote = `Automatic reply from ${s.mail.from?.address ?? 'an unknown sender'}.`;
  return next();
}
