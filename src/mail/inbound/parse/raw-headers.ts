import libmime from 'libmime';
import type { RawHeader } from './parsed-mail.ts';

/** The header lines mailparser hands back: `line` is the folded "Name: value". */
export interface HeaderLine {
  key: string;
  line: string;
}

/** Unfolds header lines and keeps them in order, still encoded. */
export function toRawHeaders(lines: ReadonlyArray<HeaderLine>): RawHeader[] {
  return lines.map(({ key, line }) => {
    const colon = line.indexOf(':');
    const value = colon >= 0 ? line.slice(colon + 1) : '';
    return { name: key.toLowerCase(), value: value.replace(/\r?\n[ \t]+/g, ' ').trim() };
  });
}

/** Name → decoded values. A value that fails to decode is kept as it came. */
export function decodeHeaders(raw: RawHeader[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { name, value } of raw) {
    let decoded = value;
    try {
      decoded = libmime.decodeWords(value);
    } catch {
      // Broken encoded-words: the raw value still helps the classifiers.
    }
    const list = map.get(name) ?? [];
    list.push(decoded);
    map.set(name, list);
  }
  return map;
}
