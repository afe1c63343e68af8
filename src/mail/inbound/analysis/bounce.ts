import type { ParsedMail } from '../parse/parsed-mail.ts';
import { BOUNCE_PATTERNS } from './bounce-patterns.ts';
import { bounceExplanation, deliveryStatusText } from './bounce-text.ts';
import { parseDsnRecords } from './dsn-records.ts';
import { isBounceNotice } from './is-bounce-notice.ts';
import { findStatusCodes, isGenericStatus, pickStatus } from './status-codes.ts';

export interface BounceInfo {
  /** RFC 3463 status, e.g. `5.1.1`, or null when the notice gives none. */
  status: string | null;
  /** The address that failed, when the notice names it. */
  recipient: string | null;
  /** True when the address itself is dead; false for delays and 4.x.x. */
  permanent: boolean;
}

const SUCCESS_ACTIONS = new Set(['delivered', 'relayed', 'expanded']);

/**
 * Reads a delivery failure or delay report. Returns null for anything else,
 * including success-only DSNs (they are automatic mail, but nothing bounced).
 */
export function parseBounce(mail: ParsedMail): BounceInfo | null {
  const explanation = bounceExplanation(mail);
  if (!isBounceNotice(mail, explanation)) return null;
  const dsn = deliveryStatusText(mail);
  const records = parseDsnRecords(dsn || mail.text);
  const failed = records.filter((r) => !r.action || !SUCCESS_ACTIONS.has(r.action.split(/\s/)[0]));
  if (records.length > 0 && failed.length === 0) return null;
  const record = failed[0];
  const declared = record?.status?.match(/[245]\.\d{1,3}\.\d{1,3}/)?.[0] ?? null;
  // The code the remote server gave (Diagnostic-Code) says more than the one the reporting MTA chose.
  const diagnosed = findStatusCodes(record?.diagnostic ?? '').find((c) => !isGenericStatus(c)) ?? null;
  const status = pickStatus(diagnosed ?? declared, [record?.diagnostic ?? '', explanation]);
  const temporary = BOUNCE_PATTERNS.temporaryText.some((re) => re.test(`${mail.subject}\n${explanation}`));
  const permanent = status ? status.startsWith('5') : !temporary && record?.action !== 'delayed' && replyClass(explanation) !== '4';
  return { status, recipient: findRecipient(mail, record?.finalRecipient ?? record?.originalRecipient ?? null, explanation), permanent };
}

/** The class of the SMTP reply codes ("550 …", "421-…") in a notice without RFC 3463 codes: '5' if any failed for good. */
function replyClass(text: string): '4' | '5' | null {
  const classes = Array.from(text.matchAll(/(?<![\d.:/-])([45])[0-5]\d(?=[ -][^\d])/g), (m) => m[1]);
  return classes.includes('5') ? '5' : classes.includes('4') ? '4' : null;
}

function findRecipient(mail: ParsedMail, fromReport: string | null, explanation: string): string | null {
  if (fromReport) return fromReport;
  const header = mail.headers.get('x-failed-recipients')?.[0];
  if (header) return header.split(',')[0].trim();
  const own = new Set([...mail.fromAll, ...mail.to].map((a) => a.address.toLowerCase()));
  const candidates = explanation.match(/[\w.+'-]+@[\w-]+(\.[\w-]+)+/g) ?? [];
  return candidates.find((c) => !own.has(c.toLowerCase())) ?? null;
}
