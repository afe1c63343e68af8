import { extractVisibleText } from '../analysis/visible-text.ts';
import { next, type PipelineState, type StepResult } from '../pipeline-state.ts';

/**
 * Keeps only what the sender wrote: quoted history and signature go into a collapsible
 * part (the whole original text is kept with it). A new ticket keeps its full text.
 */
export async function stripQuoted(s: PipelineState): Promise<StepResult> {
  const full = s.mail.text.trim();
  s.bodyHtml = s.mail.html;
  if (!s.ticket) {
    s.body = s.forwarded && s.senderAddress?.address !== s.mail.from?.address ? extractVisibleText(s.mail) || full : full;
    return next();
  }
  const visible = extractVisibleText(s.mail).trim();
  s.body = visible || full;
  s.quoted = visible && visible !== full ? full : null;
  // The HTML would show the history again; the text is what the thread shows for replies.
  if (s.quoted) s.bodyHtml = null;
  return next();
}
