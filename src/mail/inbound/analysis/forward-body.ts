import { REPLY_PATTERNS as P } from './reply-patterns.ts';

const unquote = (line: string): string => line.replace(/^\s*>\s?/, '');

/** Index of a "Forwarded message" / "Begin forwarded message:" line (quoted or not), or -1. */
export function findForwardMarker(lines: string[]): number {
  return lines.findIndex((line) => {
    const probe = unquote(line).trim();
    return probe !== '' && P.forwardMarkers.some((re) => re.test(probe));
  });
}

/**
 * The forwarded text below a marker or header block that starts at `start`:
 * the marker, the header fields and the quoting go, the body stays.
 */
export function forwardedBody(lines: string[], start: number): string[] {
  const quoted = /^\s*>/.test(lines[start]);
  const rest = (quoted ? lines.map(unquote) : lines).slice(start);
  let i = 0;
  const first = rest[0]?.trim() ?? '';
  if (!P.headerField.test(first)) i = 1; // the marker / separator / attribution line
  let inHeaders = true;
  while (i < rest.length && inHeaders) {
    const line = rest[i];
    if (line.trim() === '') {
      const next = rest.slice(i + 1).find((l) => l.trim() !== '');
      inHeaders = next !== undefined && P.headerField.test(next.trim()) && i < 3;
      i++;
    } else if (P.headerField.test(line.trim()) || /^\s+\S/.test(line)) {
      i++;
    } else if (i > 0 && P.headerField.test(rest[i - 1].trim()) && P.headerField.test((rest[i + 1] ?? '').trim())) {
      i++; // a value wrapped onto its own line ("Subject: a long" / "subject" / "To: …")
    } else {
      inHeaders = false;
    }
  }
  return rest.slice(i);
}
