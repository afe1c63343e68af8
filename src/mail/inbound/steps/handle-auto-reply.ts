import { describeVerdict } from '../analysis/auto-reply.ts';
import { ignore, next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { note } from '../trace.ts';

/**
 * Machine mail (out-of-office, auto-responders, reports) never opens a ticket and is never
 * answered. When it continues a ticket by its headers, agents still see it, as a note;
 * otherwise it is kept as ignored, with the signs that gave it away, for an admin to
 * accept as a ticket should the verdict be wrong.
 */
export async function handleAutoReply(s: PipelineState): Promise<StepResult> {
  if (!s.autoReply || s.bounce) return next();
  const signs = s.autoVerdict ? describeVerdict(s.autoVerdict) : 'automatic';
  if (!s.ticket || s.threadedBy === 'subject') {
    note(s.trace, 'handle-auto-reply', s.ticket ? 'ignored-subject-only' : 'ignored-no-ticket', s.ticket
      ? `automatic mail found ${s.ticket.number} only by its subject, which is not enough: ignored (${signs})`
      : `automatic mail that continues no ticket: ignored, never a new ticket (${signs})`);
    return ignore(`automatic mail that continues no ticket (${signs})`.slice(0, 1000));
  }
  s.asNote = `Automatic reply from ${s.mail.from?.address ?? 'an unknown sender'}.`;
  note(s.trace, 'handle-auto-reply', 'note-on-ticket', `automatic mail continuing ${s.ticket.number} by its ${s.threadedBy}: kept as an internal note, never answered`);
  return next();
}
