import { describeVerdict } from '../analysis/auto-reply.ts';
import { ignore, next, type PipelineState, type StepResult } from '../pipeline-state.ts';

/**
 * Machine mail (out-of-office, auto-responders, reports) never opens a ticket and is never
 * answered. When it continues a ticket by its headers, agents still see it, as a note;
 * otherwise it is kept as ignored, with the signs that gave it away, for an admin to
 * accept as a ticket should the verdict be wrong.
 */
export async function handleAutoReply(s: PipelineState): Promise<StepResult> {
  if (!s.autoReply || s.bounce) return next();
  if (!s.ticket || s.threadedBy === 'subject') {
    return ignore(`automatic mail that continues no ticket (${s.autoVerdict ? describeVerdict(s.autoVerdict) : 'automatic'})`.slice(0, 1000));
  }
  s.asNote = `Automatic reply from ${s.mail.from?.address ?? 'an unknown sender'}.`;
  return next();
}
