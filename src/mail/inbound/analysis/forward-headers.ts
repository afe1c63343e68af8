import { FORWARD_PATTERNS as P, foldCase } from './forward-patterns.ts';
import { looksLikeDate } from './header-values.ts';

/** The original sender; a client may show only a name, or only an address. */
export interface ForwardedAddress {
  address: string | null;
  name: string | null;
}

export interface ForwardHeaders {
  from: ForwardedAddress | null;
  subject: string | null;
  date: string | null;
}

const label = (names: string): RegExp => new RegExp(`^\\*?\\s*(${names})\\s*\\*?\\s*[:：]\\s*\\*?\\s*(.*)$`, 'iu');
const FROM = label(P.fromLabels);
const SUBJECT = label(P.subjectLabels);
const DATE = label(P.dateLabels);
const RECIPIENT = label(P.recipientLabels);
/** Any "Label: value" line: a label of one to four words in any script. */
const ANY = /^\*?\s*([\p{L}\p{M}][\p{L}\p{M}.'’-]*(?:[ \t][\p{L}\p{M}.'’-]+){0,3})\s*\*?\s*[:：]\s*\*?\s*(.*)$/u;
const KNOWN = `${P.fromLabels}|${P.subjectLabels}|${P.dateLabels}|${P.recipientLabels}`;
const KNOWN_INLINE = new RegExp(`(?:^|\\s|(?<=[>"\\d]))(${KNOWN})\\s*[:：]`, 'giu');
const ANY_INLINE = /(?<=[>"\d\s])(\p{Lu}[\p{Ll}\p{M}]{1,20}(?: \p{Ll}{1,12})?)\s?[:：]\s/gu;
const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/;

/**
 * Reads From/Subject/Date out of the header block of a forwarded message (the
 * lines after the marker). Known labels in many languages are read first; when a
 * label is not known, the block is read by its shape: the first line holding an
 * address is the sender, a line that reads as a date is the date, and a line with
 * neither, not labelled as a recipient, is the subject. Yahoo writes the whole
 * block on one line, so a line holding several labels is split first.
 */
export function readForwardHeaders(lines: string[]): ForwardHeaders {
  const fields = headerFields(lines);
  const pick = (re: RegExp): string | null => {
    for (const f of fields) {
      const m = re.exec(f);
      if (m) return clean(m[2]);
    }
    return null;
  };
  let from = pick(FROM);
  if (from !== null && !EMAIL.test(from)) from = fields.map(valueOf).find((v) => EMAIL.test(v) && v.includes(from!)) ?? from;
  let subject = pick(SUBJECT);
  let date = pick(DATE);
  const unknown = fields.filter((f) => !FROM.test(f) && !SUBJECT.test(f) && !DATE.test(f) && !RECIPIENT.test(f)).map(valueOf);
  if (from === null) from = fields.filter((f) => !RECIPIENT.test(f)).map(valueOf).find((v) => EMAIL.test(v)) ?? null;
  if (date === null) date = unknown.find((v) => !EMAIL.test(v) && looksLikeDate(v)) ?? null;
  if (subject === null && fields.length >= 3) subject = unknown.find((v) => v !== from && v !== date && !EMAIL.test(v) && !looksLikeDate(v)) ?? null;
  return { from: from ? parseMailbox(from) : null, subject: subject || null, date };
}

/** The "Label: value" lines of a block, wrapped values joined, inline blocks split. */
export function headerFields(lines: string[]): string[] {
  const fields: string[] = [];
  for (const raw of lines) {
    const line = foldCase(raw.trim());
    if (line === '') {
      if (fields.length > 0) break;
      continue;
    }
    if (!ANY.test(line)) {
      if (fields.length > 0 && (/^<[^>]+@/.test(line) || /^\S+@\S+\s*>?[,;]?$/.test(line))) fields[fields.length - 1] += ` ${line}`;
      else if (fields.length > 0) break;
      continue;
    }
    fields.push(...splitLabels(line));
  }
  return fields;
}

const valueOf = (field: string): string => clean(ANY.exec(field)?.[2] ?? field);
const clean = (value: string): string => value.replace(/\*$/, '').trim();

function splitLabels(line: string): string[] {
  let starts = cutsAt(line, KNOWN_INLINE);
  if (starts.length < 2 && line.length > 60 && EMAIL.test(line)) starts = cutsAt(line, ANY_INLINE);
  if (starts.length < 2) return [line];
  const cuts = [0, ...starts.filter((s) => s > 0), line.length];
  return cuts.slice(0, -1).map((s, i) => line.slice(s, cuts[i + 1]).trim()).filter(Boolean);
}

function cutsAt(line: string, re: RegExp): number[] {
  return Array.from(line.matchAll(re), (m) => m.index! + (m[0].length - m[0].trimStart().length));
}

/** "Name <a@b>", "\"Name\" <a@b>", "a@b", "Name [mailto:a@b]", "Name (a@b)", "Name". */
export function parseMailbox(value: string): ForwardedAddress | null {
  const cleaned = value.replace(/<mailto:[^>]*>/gi, '').replace(/\s+on behalf of\s+.*$/i, '').trim();
  const email = EMAIL.exec(cleaned);
  if (!email) {
    const name = stripQuotes(cleaned);
    return name ? { address: null, name } : null;
  }
  const before = cleaned.slice(0, email.index).replace(/[<[(]\s*(mailto:)?\s*$/i, '');
  const name = stripQuotes(before);
  return { address: email[0], name: name && name.toLowerCase() !== email[0].toLowerCase() ? name : null };
}

function stripQuotes(value: string): string | null {
  const name = value.replace(/^[\s"'«»“”„]+|[\s"'«»“”„,;:]+$/g, '').trim();
  return name === '' ? null : name;
}
