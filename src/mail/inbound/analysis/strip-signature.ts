import { REPLY_PATTERNS as P } from './reply-patterns.ts';

/**
 * Drops the signature: everything from the first signature line ("-- ",
 * "Sent from my iPhone", "Get Outlook for iOS", …) that follows some content.
 */
export function stripSignature(lines: string[]): string[] {
  let seenContent = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    if (seenContent && P.signatures.some((re) => re.test(line))) return lines.slice(0, i);
    seenContent = true;
  }
  return lines;
}
