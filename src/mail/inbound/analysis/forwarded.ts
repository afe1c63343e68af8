import type { ParsedMail } from '../parse/parsed-mail.ts';
import { FORWARD_PATTERNS as P, foldCase } from './forward-patterns.ts';
import { readForwardHeaders } from './forward-headers.ts';
import type { ForwardHeaders } from './forward-headers.ts';
import { attributionSender } from './attribution-sender.ts';
import { findHistoryStart } from './history-start.ts';
import { htmlToQuotedText } from './html-to-quoted-text.ts';

export type ForwardInfo = ForwardHeaders;

const unquote = (line: string): string => foldCase(line.replace(/^(\s*>)+\s?/, '').trim());
/** A header block read by its shape alone must name the sender's address and a date or subject. */
const wellFormed = (h: ForwardHeaders): boolean => !!h.from?.address && !!(h.date || h.subject);

/**
 * Finds a message forwarded inline and returns its original sender, subject and
 * date. A forward is recognised by a marker line ("Forwarded message", "Begin
 * forwarded message:" in the clients' languages), by a line of the same shape in
 * a language we do not list when a well-formed header block follows, or by a
 * quoted header block or attribution when the subject says Fw:/TR:/WG:…; a reply
 * (Re:) with a quoted header is not one.
 */
export function detectForward(mail: ParsedMail): ForwardInfo | null {
  const text = mail.textFromHtml && mail.rawHtml ? htmlToQuotedText(mail.rawHtml) : mail.text;
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map(unquote);
  const subject = foldCase(mail.subject);
  const isForwardSubject = P.subjectPrefix.test(subject);
  const isReplySubject = !isForwardSubject && P.replyPrefix.test(subject);
  const fallbackSubject = mail.subject.replace(P.subjectPrefix, '').trim() || null;
  const withSubject = (h: ForwardHeaders): ForwardInfo => ({ ...h, subject: h.subject ?? fallbackSubject });
  const blockAt = (i: number, rest: string): ForwardHeaders => readForwardHeaders([rest, ...lines.slice(i + 1, i + 30)]);

  for (let i = 0; i < lines.length; i++) {
    const strong = markerRest(lines[i], P.markers);
    const weak = strong ?? (isReplySubject ? null : markerRest(lines[i], P.weakMarkers));
    if (weak !== null) {
      const headers = blockAt(i, weak);
      if (headers.from || headers.subject) return withSubject(headers);
      continue;
    }
    const unknown = isReplySubject ? null : markerRest(lines[i], P.unknownMarkers);
    if (unknown !== null) {
      const headers = blockAt(i, unknown);
      if (wellFormed(headers)) return withSubject(headers);
    }
  }
  if (!isForwardSubject) return isReplySubject ? null : headerBlockOnTop(lines);
  const history = findHistoryStart(lines);
  if (history?.kind === 'attribution') {
    const attribution = lines.slice(history.index, history.after).join(' ');
    return withSubject({ from: attributionSender(attribution), subject: null, date: null });
  }
  if (history) {
    const start = history.kind === 'separator' ? history.index + 1 : history.index;
    const headers = readForwardHeaders(lines.slice(start, start + 30));
    if (headers.from || headers.subject) return withSubject(headers);
  }
  return withSubjectOrNull(structuralBlock(lines) ?? addressedAttribution(lines), withSubject);
}

const withSubjectOrNull = (h: ForwardHeaders | null, f: (h: ForwardHeaders) => ForwardInfo): ForwardInfo | null => (h ? f(h) : null);

/** A well-formed header block that opens the body, with nothing written above it. */
function headerBlockOnTop(lines: string[]): ForwardInfo | null {
  const first = lines.findIndex((l) => l !== '');
  if (first < 0 || !/^\S[^:]{0,40}[:：]\s*\S/u.test(lines[first])) return null;
  const headers = readForwardHeaders(lines.slice(first, first + 30));
  return wellFormed(headers) && headers.subject && headers.date ? headers : null;
}

/** The first well-formed header block anywhere in the body (the subject already said Fw:). */
function structuralBlock(lines: string[]): ForwardHeaders | null {
  for (let i = 0; i < lines.length; i++) {
    if (!/^\S[^:]{0,40}[:：]\s*\S/u.test(lines[i])) continue;
    const headers = readForwardHeaders(lines.slice(i, i + 30));
    if (wellFormed(headers)) return headers;
  }
  return null;
}

/** An attribution in a language we do not list: a line naming an address and ending with a colon. */
function addressedAttribution(lines: string[]): ForwardHeaders | null {
  const line = lines.find((l) => l.length < 300 && /@[\w-]+\.[\w.-]+/.test(l) && /[:：]$/.test(l) && /\d/.test(l));
  return line ? { from: attributionSender(line), subject: null, date: null } : null;
}

/** The text after a marker on its line ("" when the marker is the whole line), or null. */
function markerRest(line: string, markers: readonly RegExp[]): string | null {
  if (markers.some((re) => re.test(line))) return '';
  // Yahoo puts the block on the marker's line: "----- Forwarded Message ----- From: …"
  const m = /^(-{2,}[^-]{3,60}-{2,})\s+(\S.*)$/u.exec(line);
  if (m && markers.some((re) => re.test(m[1]))) return m[2];
  return null;
}
