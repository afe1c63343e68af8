import { isAutoReply } from '../analysis/auto-reply.ts';
import { parseBounce } from '../analysis/bounce.ts';
import { detectForward } from '../analysis/forwarded.ts';
import { next, type PipelineState, type StepResult } from '../pipeline-state.ts';

/** Tells machine mail (auto-replies, bulk, bounces) from people's, and finds inline forwards. */
export async function classify(s: PipelineState): Promise<StepResult> {
  s.bounce = parseBounce(s.mail);
  s.autoReply = isAutoReply(s.mail, s.bounce);
  s.forwarded = s.autoReply ? null : detectForward(s.mail);
  return next();
}
