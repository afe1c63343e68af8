import { REPLY_PATTERNS as P } from './reply-patterns.ts';
import { foldCase } from './forward-patterns.ts';

/** Where quoted history starts, and what kind of marker starts it. */
export interface HistoryStart {
  index: number;
  kind: 'attribution' | 'header' | 'separator';
  /** First line after the marker itself (attribution lines may wrap). */
  after: number;
}

const isBlank = (line: string | undefined): boolean => line === undefined || line.trim() === '';
const isQuoted = (line: string): boolean => /^\s*>/.test(line);
const RULE = /^\s*[=_*-]{3,}\s*$/;
const LABEL = /^\*?[\p{L}][\p{L} -]{0,24}\*?\s?:\s/u;

/**
 * The first line where quoted history starts: an attribution ("On … wrote:"),
 * an "Original Message" separator, or an Outlook header block. Null if none.
 */
export function findHistoryStart(lines: string[]): HistoryStart | null {
  for (let i = 0; i < lines.length; i++) {
    // Bold or underlined separators ("*-------- Original Message --------*") read as plain ones.
    const line = foldCase(lines[i].trim()).replace(/^[*_]+(?=-)|(?<=-)[*_]+$/g, '');
    if (line === '' || isQuoted(line)) continue;
    if (P.separators.some((re) => re.test(line))) return { index: i, kind: 'separator', after: i + 1 };
    if (P.ruleLine.test(line) && headerBlockFollows(lines, i + 1)) return { index: i, kind: 'separator', after: i + 1 };
    if (P.headerFrom.test(line) && countHeaderFields(lines, i) >= 2) return { index: backOverLead(lines, i), kind: 'header', after: i };
    const span = attributionSpan(lines, i);
    // A wrapped attribution starts on its own line, not on the text above it.
    if (span > 1 && startsAttribution(lines[i + 1]) && !startsAttribution(lines[i]) && attributionSpan(lines, i + 1) === span - 1) continue;
    if (span > 0) return { index: i, kind: 'attribution', after: i + span };
    if (isUnknownAttribution(lines, i)) return { index: i, kind: 'attribution', after: i + 1 };
  }
  return null;
}

/**
 * An attribution in a language we do not list, known by its shape: a line with a
 * time of day or an address that ends with a colon, right above a quote.
 */
function isUnknownAttribution(lines: string[], i: number): boolean {
  const line = lines[i].trim();
  if (line.length > 300 || !/[:：]$/.test(line) || !/\d{1,2}:\d{2}|@[\w-]+\.\w/.test(line)) return false;
  const next = lines.slice(i + 1, i + 3).find((l) => !isBlank(l));
  return next !== undefined && isQuoted(next);
}

const startsAttribution = (line: string): boolean => P.attributionStart.test(line.trim());

/** Includes a rule line or a "Message du : …" line right above a header block. */
function backOverLead(lines: string[], i: number): number {
  let start = i;
  for (let j = i - 1, seen = 0; j >= 0 && seen < 2; j--) {
    if (isBlank(lines[j])) continue;
    seen++;
    if (RULE.test(lines[j]) || LABEL.test(lines[j].trim()) || P.separators.some((re) => re.test(`-----${lines[j].trim()}-----`))) start = j;
    else break;
  }
  return start;
}

/** True when the next non-blank line (within three) opens a header block. */
export function headerBlockFollows(lines: string[], from: number): boolean {
  for (let j = from; j < Math.min(lines.length, from + 3); j++) {
    if (isBlank(lines[j])) continue;
    return P.headerField.test(lines[j].trim()) && countHeaderFields(lines, j) >= 2;
  }
  return false;
}

/**
 * How many known header lines ("Sent: …", "To: …") a block starting at `from`
 * holds. Unknown "Label: value" lines and wrapped values may sit among them.
 */
export function countHeaderFields(lines: string[], from: number): number {
  let count = 0;
  for (let j = from; j < Math.min(lines.length, from + 12); j++) {
    const line = lines[j];
    if (isBlank(line)) {
      const next = lines[j + 1];
      if (count > 0 && !isBlank(next) && P.headerField.test(next.trim())) continue;
      if (count > 0) break;
      continue;
    }
    const trimmed = line.trim();
    if (P.headerField.test(trimmed)) count++;
    else if (count > 0 && (/^\s/.test(line) || /^<[^<>\s]+@[^<>\s]+>/.test(trimmed) || LABEL.test(trimmed))) continue;
    else break;
  }
  return count;
}

/** Lines taken by an "On … wrote:" attribution starting at i (it may wrap), or 0. */
function attributionSpan(lines: string[], i: number): number {
  let joined = '';
  for (let k = 0; k < 3 && i + k < lines.length; k++) {
    const part = lines[i + k].trim();
    if (part === '' || (k > 0 && isQuoted(part) && !/^>\s*:?\s*$/.test(part))) return 0;
    joined = k === 0 ? part : `${joined} ${part}`;
    if (joined.length > 400) return 0;
    if (k > 0 && !P.attributionStart.test(lines[i].trim()) && !/[@\d]/.test(lines[i])) return 0;
    const probe = joined.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/^-{2,}\s*|\s*-{2,}$/g, '');
    if (P.attribution.some((re) => re.test(probe)) && (/[@\d]/.test(probe) || probe.endsWith(':'))) return k + 1;
  }
  return 0;
}
