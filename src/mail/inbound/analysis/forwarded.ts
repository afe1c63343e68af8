import type { ParsedMail } from '../parse/parsed-mail.ts';
import { FORWARD_PATTERNS as P } from './forward-patterns.ts';
import { readForwardHeaders } from './forward-headers.ts';
import type { ForwardHeaders } from './forward-headers.ts';
import { attributionSender } from './attribution-sender.ts';
import { findHistoryStart } from './history-start.ts';
import { htmlToQuotedText } from './html-to-quoted-text.ts';

export type ForwardInfo = ForwardHeaders;

const unquote = (line: string): string => line.replace(/^(\s*>)+\s?/, '').trim();

/**
 * Finds a message forwarded inline and returns its original sender, subject
 * and date. A forward is recognised by a marker line ("Forwarded message",
 * "Begin forwarded message:"), or by a quoted header block or attribution when
 * the subject says Fw:/TR:/WG:…; a reply (Re:) with a quoted header is not one.
 */
export function detectForward(mail: ParsedMail): ForwardInfo | null {
  const text = mail.textFromHtml && mail.rawHtml ? htmlToQuotedText(mail.rawHtml) : mail.text;
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map(unquote);
  const isForwardSubject = P.subjectPrefix.test(mail.subject);
  const isReplySubject = !isForwardSubject && P.replyPrefix.test(mail.subject);
  const fallbackSubject = mail.subject.replace(P.subjectPrefix, '').trim() || null;
  const withSubject = (h: ForwardHeaders): ForwardInfo => ({ ...h, subject: h.subject ?? fallbackSubject });

  const marker = lines.findIndex((l) => markerRest(l, P.markers) !== null || (!isReplySubject && markerRest(l, P.weakMarkers) !== null));
  if (marker >= 0) {
    const rest = markerRest(lines[marker], P.markers) ?? markerRest(lines[marker], P.weakMarkers) ?? '';
    const headers = readForwardHeaders([rest, ...lines.slice(marker + 1, marker + 30)]);
    if (headers.from || headers.subject) return withSubject(headers);
  }
  if (!isForwardSubject) return null;
  const history = findHistoryStart(lines);
  if (!history) return null;
  if (history.kind === 'attribution') {
    const attribution = lines.slice(history.index, history.after).join(' ');
    return withSubject({ from: attributionSender(attribution), subject: null, date: null });
  }
  const start = history.kind === 'separator' ? history.index + 1 : history.index;
  const headers = readForwardHeaders(lines.slice(start, start + 30));
  return headers.from || headers.subject ? withSubject(headers) : null;
}

/** The text after a marker on its line ("" when the marker is the whole line), or null. */
function markerRest(line: string, markers: readonly RegExp[]): string | null {
  if (markers.some((re) => re.test(line))) return '';
  // Yahoo puts the block on the marker's line: "----- Forwarded Message ----- From: …"
  const m = /^(-{2,}[^-]{3,60}-{2,})\s+(\S.*)$/u.exec(line);
  if (m && markers.some((re) => re.test(m[1]))) return m[2];
  return null;
}
