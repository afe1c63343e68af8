import type { ParsedMail } from '../parse/parsed-mail.ts';
import { findHistoryStart } from './history-start.ts';
import { findForwardMarker, forwardedBody } from './forward-body.ts';
import { stripSignature } from './strip-signature.ts';
import { htmlToQuotedText } from './html-to-quoted-text.ts';

const isBlank = (line: string): boolean => line.trim() === '';
const isQuoted = (line: string): boolean => /^\s*[A-Za-z]{0,3}>/.test(line);
const hasContent = (lines: string[]): boolean => lines.some((l) => !isBlank(l));

/**
 * The new part of a message: what the sender wrote this time, without the
 * quoted history, the reply header and the signature. A message that only
 * forwards another keeps the forwarded text (without its header block).
 */
export function extractVisibleText(mail: ParsedMail): string {
  const source = mail.textFromHtml && mail.rawHtml ? htmlToQuotedText(mail.rawHtml) : mail.text;
  return visibleTextOf(source);
}

/** The same on plain text, for callers that have no parsed message. */
export function visibleTextOf(text: string): string {
  const lines = stripSignature(dropTrailingQuote(cutHistory(text.replace(/\r\n?/g, '\n').split('\n'))));
  return lines
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/**
 * Cuts at the first history marker. An attribution whose quote is followed by
 * more new text is an inline quote: the attribution goes, the quote stays when
 * new text came before it, and the text after is examined in turn.
 */
function cutHistory(lines: string[]): string[] {
  const history = findHistoryStart(lines);
  const forward = findForwardMarker(lines);
  if (forward >= 0 && (!history || forward <= history.index)) {
    const before = lines.slice(0, forward);
    return hasContent(before) ? before : cutHistory(forwardedBody(lines, forward));
  }
  if (!history) return lines;
  const before = lines.slice(0, history.index);
  if (history.kind === 'attribution') {
    let end = history.after;
    while (end < lines.length && (isBlank(lines[end]) || isQuoted(lines[end]) || isWrappedQuote(lines, end))) end++;
    const quoted = lines.slice(history.after, end).some(isQuoted);
    if (quoted && isNewText(lines.slice(end))) {
      const keep = hasContent(before) ? lines.slice(history.after, end) : [];
      return [...before, ...keep, ...cutHistory(lines.slice(end))];
    }
  }
  return hasContent(before) ? before : forwardedBody(lines, history.index);
}

/** True when lines hold more than a signature or a list footer. */
function isNewText(lines: string[]): boolean {
  return hasContent(stripSignature(['.', ...lines]).slice(1));
}

/**
 * Removes quoted lines at the end; a message that is only a quote keeps it. A
 * quoted line that a client wrapped without repeating the ">" (a long quoted
 * line, then one going on in lower case) is part of the quote.
 */
function dropTrailingQuote(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && (isBlank(lines[end - 1]) || isQuoted(lines[end - 1]) || isWrappedQuote(lines, end - 1))) end--;
  return end === 0 ? lines : lines.slice(0, end);
}

function isWrappedQuote(lines: string[], i: number): boolean {
  const previous = lines[i - 1] ?? '';
  const next = lines[i + 1];
  return isQuoted(previous) && previous.trim().length >= 50 && /^\s*[\p{Ll}"']/u.test(lines[i]) && (next === undefined || isBlank(next) || isQuoted(next));
}
