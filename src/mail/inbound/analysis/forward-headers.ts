import { FORWARD_PATTERNS as P } from './forward-patterns.ts';

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
const ANY_LABEL = new RegExp(`(?:^|\\s|(?<=>))(${P.fromLabels}|${P.subjectLabels}|${P.dateLabels}|to|an|à|a|para|aan|til|till|do|komu|кому|címzett|kime|către|catre|cc|kopie|kopia|kopio|送信先)\\s*[:：]`, 'giu');

/**
 * Reads From/Subject/Date out of the header block of a forwarded message
 * (the lines after the marker). Yahoo writes the whole block on one line, so
 * a line holding several labels is split first.
 */
export function readForwardHeaders(lines: string[]): ForwardHeaders {
  const fields: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      if (fields.length > 0) break;
      continue;
    }
    const parts = splitLabels(line);
    if (!parts.some((p) => FROM.test(p) || SUBJECT.test(p) || DATE.test(p) || /^[^\s:]{1,20}\s*[:：]/u.test(p))) {
      if (fields.length > 0 && /^<[^>]+@/.test(line)) fields[fields.length - 1] += ` ${line}`;
      else if (fields.length > 0) break;
      continue;
    }
    fields.push(...parts);
  }
  const pick = (re: RegExp): string | null => {
    for (const f of fields) {
      const m = re.exec(f);
      if (m) return m[2].replace(/\*$/, '').trim();
    }
    return null;
  };
  const from = pick(FROM);
  return { from: from ? parseMailbox(from) : null, subject: pick(SUBJECT), date: pick(DATE) };
}

function splitLabels(line: string): string[] {
  const starts = Array.from(line.matchAll(ANY_LABEL), (m) => m.index! + (m[0].length - m[0].trimStart().length));
  if (starts.length < 2) return [line];
  const cuts = [0, ...starts.filter((s) => s > 0), line.length];
  return cuts.slice(0, -1).map((s, i) => line.slice(s, cuts[i + 1]).trim()).filter(Boolean);
}

/** "Name <a@b>", "\"Name\" <a@b>", "a@b", "Name [mailto:a@b]", "Name (a@b)", "Name". */
export function parseMailbox(value: string): ForwardedAddress | null {
  const cleaned = value.replace(/<mailto:[^>]*>/gi, '').replace(/\s+on behalf of\s+.*$/i, '').trim();
  const email = /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/.exec(cleaned);
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
