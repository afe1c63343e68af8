import type { ParsedMail } from '../parse/parsed-mail.ts';
import { AUTO_REPLY_PATTERNS as P } from './auto-reply-patterns.ts';
import type { BounceInfo } from './bounce.ts';

/**
 * True for machine-generated mail: bounces and DSNs, vacation and
 * out-of-office answers, bulk and list mail, feedback reports. Parley must
 * never answer these automatically, or two robots mail each other forever.
 */
export function isAutoReply(mail: ParsedMail, bounce: BounceInfo | null): boolean {
  if (bounce) return true;
  if (mail.contentType === 'multipart/report') return true;
  if (mail.partTypes.some((t) => /^message\/(global-)?(delivery-status|feedback-report|disposition-notification)$/.test(t))) return true;
  if (P.presentHeaders.some((name) => mail.headers.has(name))) return true;
  for (const [name, re] of P.headerValues) {
    if ((mail.headers.get(name) ?? []).some((v) => re.test(v.trim()))) return true;
  }
  if (mail.fromAll.some((a) => P.senders.some((re) => re.test(a.address)))) return true;
  return P.subjects.some((re) => re.test(mail.subject));
}
