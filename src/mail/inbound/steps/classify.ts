import { describeVerdict, judgeAutoReply } from '../analysis/auto-reply.ts';
import { parseBounce } from '../analysis/bounce.ts';
import { detectForward } from '../analysis/forwarded.ts';
import { next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { excerpt, note } from '../trace.ts';

/**
 * Tells machine mail (auto-replies, reports, bounces) from people's, and finds inline
 * forwards. A message an admin accepted as a ticket is people's mail, whatever it looks like.
 */
export async function classify(s: PipelineState): Promise<StepResult> {
  if (s.inbound.accepted_by) {
    note(s.trace, 'classify', 'accepted-by-admin', `an admin (${s.inbound.accepted_by}) accepted it as people's mail: no automatic-mail or bounce verdict`);
    s.forwarded = detectForward(s.mail);
    noteForward(s);
    return next();
  }
  s.bounce = parseBounce(s.mail);
  s.autoVerdict = judgeAutoReply(s.mail, s.bounce);
  s.autoReply = s.autoVerdict.automatic;
  s.forwarded = s.autoReply ? null : detectForward(s.mail);
  const signs = describeVerdict(s.autoVerdict);
  if (s.bounce) {
    const b = s.bounce;
    note(s.trace, 'classify', 'bounce', `a delivery failure report: recipient ${b.recipient ?? 'not named'}, status ${b.status ?? 'none given'}, ${b.permanent ? 'permanent' : 'temporary'}`);
  }
  if (s.autoReply) note(s.trace, 'classify', 'automatic', `machine-generated mail; signs: ${signs}`);
  else if (s.autoVerdict.bulk) note(s.trace, 'classify', 'bulk-but-person', `declared bulk or list mail, but no second sign of a machine (${signs}): treated as a person's, never answered automatically`);
  else note(s.trace, 'classify', 'person', `a person's mail: ${signs}`);
  noteForward(s);
  return next();
}

// The analysis returns the original sender and subject, not which marker or language gave the forward away.
function noteForward(s: PipelineState): void {
  const f = s.forwarded;
  if (!f) return;
  const who = f.from?.address ? `${f.from.name ? `${f.from.name} ` : ''}<${f.from.address}>` : 'an unnamed sender';
  note(s.trace, 'classify', 'forward', `forwards a message from ${who}${f.subject ? `, subject ${excerpt(f.subject)}` : ''}${f.date ? `, dated ${f.date.slice(0, 60)}` : ''}`);
}
