import type { ParsedMail } from '../parse/parsed-mail.ts';
import { BOUNCE_PATTERNS } from './bounce-patterns.ts';

/**
 * The human-readable part of a bounce, without the copy of the returned
 * message that many MTAs paste below it (its codes and addresses are not the
 * failure's).
 */
export function bounceExplanation(mail: ParsedMail): string {
  const lines = mail.text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    // Header lines only count at the start of a line: indented ones are quotes.
    const probe = /^[A-Za-z-]+:/.test(line) ? line : line.trim();
    if (out.length > 2 && BOUNCE_PATTERNS.returnedMessageMarkers.some((re) => re.test(probe))) break;
    out.push(line);
  }
  return out.join('\n');
}

/** Text of the machine-readable report parts (message/delivery-status). */
export function deliveryStatusText(mail: ParsedMail): string {
  return mail.attachments
    .filter((a) => /^message\/(global-)?delivery-status$/.test(a.contentType))
    .map((a) => a.content.toString('utf8'))
    .join('\n\n');
}
