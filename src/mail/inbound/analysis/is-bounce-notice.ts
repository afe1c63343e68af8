import type { ParsedMail } from '../parse/parsed-mail.ts';
import { BOUNCE_PATTERNS } from './bounce-patterns.ts';

/**
 * True when a message reports a failed or delayed delivery, whether as an
 * RFC 3464 report or in the free-form style of older MTAs.
 */
export function isBounceNotice(mail: ParsedMail, explanation: string): boolean {
  const reportType = (mail.contentTypeParams['report-type'] ?? '').toLowerCase();
  if (mail.contentType === 'multipart/report') return reportType === 'delivery-status' || reportType === '';
  if (mail.partTypes.some((t) => /^message\/(global-)?delivery-status$/.test(t))) return true;
  if (mail.headers.has('x-failed-recipients')) return true;
  const fromDaemon = mail.fromAll.some(
    (a) => BOUNCE_PATTERNS.senders.some((re) => re.test(a.address)) || BOUNCE_PATTERNS.senderNames.some((re) => re.test(a.name ?? '')),
  );
  const bounceSubject = BOUNCE_PATTERNS.subjects.some((re) => re.test(mail.subject));
  const nullSender = (mail.headers.get('return-path') ?? []).some((v) => /^<\s*>$/.test(v.trim()));
  // Mailer daemons send nothing but delivery notices.
  if (fromDaemon) return true;
  // A message from the null sender that hands back an original is a bounce,
  // however terse its wording (some carriers send only a date).
  const returnsOriginal = mail.attachments.some((a) => /^(message\/(global|rfc822)|text\/rfc822-headers)$/.test(a.contentType));
  if (nullSender && returnsOriginal) return true;
  // A person who forwards or answers a bounce ("Fwd: Undelivered Mail…") did not bounce anything.
  if (/^\s*(fwd?|fw|re|aw|tr|wg|sv|vs|rv)\s*:/i.test(mail.subject)) return false;
  // An out-of-office answer may apologise that mail "could not be read": it never bounces.
  if (isVacation(mail)) return false;
  // The body's wording is read last, and only when the rest leaves it to decide: most mail
  // is no bounce, and matching every pattern against a long body was a tenth of parsing.
  if (!bounceSubject && !nullSender && !returnsOriginal) return false;
  if (bounceSubject && (nullSender || returnsOriginal)) return true;
  return BOUNCE_PATTERNS.bodyMarkers.some((re) => re.test(explanation));
}

/** A declared RFC 3834 auto-reply (not a report). */
function isVacation(mail: ParsedMail): boolean {
  return (mail.headers.get('auto-submitted') ?? []).some((v) => /auto-replied/i.test(v)) || mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond');
}
