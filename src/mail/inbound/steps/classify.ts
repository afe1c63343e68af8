import { judgeAutoReply } from '../analysis/auto-reply.ts';
import { parseBounce } from '../analysis/bounce.ts';
import { detectForward } from '../analysis/forwarded.ts';
import { next, type PipelineState, type StepResult } from '../pipeline-state.ts';

/**
 * Tells machine mail (auto-replies, reports, bounces) from people's, and finds inline
 * forwards. A message an admin accepted as a ticket is people's mail, whatever it looks like.
 */
export async function classify(s: PipelineState): Promise<StepResult> {
  if (s.inbound.accepted_by) {
    s.forwarded = detectForward(s.mail);
    return next();
  }
  s.bounce = parseBounce(s.mail);
  s.autoVerdict = judgeAutoReply(s.mail, s.bounce);
  s.autoReply = s.autoVerdict.automatic;
  s.forwarded = s.autoReply ? null : detectForward(s.mail);
  return next();
}
