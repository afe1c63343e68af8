import { drop, next, type PipelineState, type StepResult } from '../pipeline-state.ts';

/** The loop token Parley puts in X-Loop on everything it sends. */
export const LOOP_TOKEN = 'parley';

/**
 * Mail that Parley itself sent (a notification that came back through a forward, a
 * mailing list or a misconfigured alias) is never turned into a ticket or a reply.
 */
export async function detectLoop(s: PipelineState): Promise<StepResult> {
  const loops = s.mail.headers.get('x-loop') ?? [];
  if (loops.some((v) => v.toLowerCase().split(/[\s,]+/).includes(LOOP_TOKEN))) return drop('loop: our own notification came back (X-Loop)');
  const id = s.mail.messageId ?? '';
  if (/^<?parley\.[0-9a-f-]{36}@/i.test(id)) return drop('loop: our own Message-ID came back');
  return next();
}
