import { findHistoryStart } from '../analysis/history-start.ts';
import { extractVisibleText } from '../analysis/visible-text.ts';
import { next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { excerpt, note } from '../trace.ts';

const lineCount = (text: string): number => (text ? text.split('\n').length : 0);
const lines = (text: string): string => `${lineCount(text)} line${lineCount(text) === 1 ? '' : 's'}`;

/**
 * Keeps only what the sender wrote: quoted history and signature go into a collapsible
 * part (the whole original text is kept with it). A new ticket keeps its full text.
 */
export async function stripQuoted(s: PipelineState): Promise<StepResult> {
  const full = s.mail.text.trim();
  s.bodyHtml = s.mail.html;
  if (!s.ticket) {
    const forwardedFor = s.forwarded && s.senderAddress?.address !== s.mail.from?.address;
    s.body = forwardedFor ? extractVisibleText(s.mail) || full : full;
    if (forwardedFor) note(s.trace, 'strip-quoted', 'forwarded-text', `the requester is the original sender: kept the forwarded text (${lineCount(s.body)} of ${lines(full)})`);
    else note(s.trace, 'strip-quoted', 'full-text', `a new ticket keeps its whole text (${lines(full)})`);
    return next();
  }
  const visible = extractVisibleText(s.mail).trim();
  s.body = visible || full;
  s.quoted = visible && visible !== full ? full : null;
  // The HTML would show the history again; the text is what the thread shows for replies.
  if (s.quoted) s.bodyHtml = null;
  if (s.quoted) note(s.trace, 'strip-quoted', 'history-stripped', `kept ${lineCount(visible)} of ${lines(full)}; ${marker(full)}`);
  else note(s.trace, 'strip-quoted', 'nothing-stripped', visible ? `no quoted history or signature found (${lines(full)} kept)` : 'nothing left once history was cut: the whole text is kept');
  return next();
}

// The analysis says where the history starts, not where the signature was cut: that is told by the line counts.
function marker(full: string): string {
  const lines = full.replace(/\r\n?/g, '\n').split('\n');
  const start = findHistoryStart(lines);
  return start ? `history from line ${start.index + 1}, by ${start.kind} ${excerpt(lines[start.index])}` : 'a signature or trailing quote was cut';
}
