import type { ParsedMail } from '../parse/parsed-mail.ts';
import { AUTO_REPLY_PATTERNS as P, type WeakKind } from './auto-reply-patterns.ts';
import type { BounceInfo } from './bounce.ts';

/** Why mail was judged automatic (or not): the decisive signs, and the weak ones by kind. */
export interface AutoReplyVerdict {
  /** Machine-generated: not a ticket (kept as ignored), and never answered. */
  automatic: boolean;
  /** Declared bulk or list mail: never answered automatically (RFC 3834), but a person may have written it. */
  bulk: boolean;
  decisive: string[];
  weak: Partial<Record<WeakKind, string>>;
}

const says = (v: string) => !/^(no|false|0)$/i.test(v.trim());

/**
 * Tells machine-generated mail (bounces and reports, vacation and out-of-office answers,
 * other auto-responders, bulk mail corroborated by a second sign) from people's mail.
 * One decisive sign is enough; weak signs count only when two kinds agree, so a subject
 * about "vacation days", a spam flag or a notifications@ sender alone never is.
 */
export function judgeAutoReply(mail: ParsedMail, bounce: BounceInfo | null): AutoReplyVerdict {
  const decisive: string[] = [];
  if (bounce) decisive.push('a delivery failure report');
  if (mail.contentType === 'multipart/report') decisive.push(`a ${mail.contentTypeParams['report-type'] ?? 'multipart/report'} report`);
  else if (mail.partTypes.some((t) => /^message\/(global-)?(delivery-status|feedback-report|disposition-notification)$/.test(t))) decisive.push('a report part');
  const values = (name: string) => mail.headers.get(name) ?? [];
  for (const name of P.decisiveHeaders) if (values(name).some(says)) decisive.push(`${name} header`);
  for (const [name, re] of P.decisiveValues) {
    const v = values(name).find((x) => re.test(x.trim()));
    if (v !== undefined) decisive.push(`${name}: ${v.trim().slice(0, 60)}`);
  }
  const weak: Partial<Record<WeakKind, string>> = {};
  for (const [kind, name] of P.weakHeaders) if (!weak[kind] && values(name).some(says)) weak[kind] = `${name} header`;
  for (const [kind, name, re] of P.weakValues) {
    const v = values(name).find((x) => re.test(x.trim()));
    if (!weak[kind] && v !== undefined) weak[kind] = `${name}: ${v.trim().slice(0, 60)}`;
  }
  const sender = mail.fromAll.find((a) => P.senders.some((re) => re.test(a.address)));
  if (sender) weak.sender = `sender ${sender.address}`;
  if (P.subjects.some((re) => re.test(mail.subject))) weak.subject = `subject "${mail.subject.slice(0, 80)}"`;
  // A message handed back whole is what reports do, but people forward mail as an attachment too.
  if (mail.attachments.some((a) => /^(message\/(global|rfc822)|text\/rfc822-headers)$/.test(a.contentType))) weak['returned-message'] = 'an attached message';
  return { automatic: decisive.length > 0 || Object.keys(weak).length >= 2, bulk: !!(weak.list || weak.bulk), decisive, weak };
}

/**
 * Mail never to be answered automatically: machine-generated, or declared bulk or list
 * mail. This is `autoReply` of `parley mail inspect`; whether mail becomes a ticket is
 * the stricter `judgeAutoReply(…).automatic`.
 */
export function isAutoReply(mail: ParsedMail, bounce: BounceInfo | null): boolean {
  const v = judgeAutoReply(mail, bounce);
  return v.automatic || v.bulk;
}

/** The verdict in words, for the reason an admin sees on the message. */
export function describeVerdict(v: AutoReplyVerdict): string {
  const weak = Object.values(v.weak);
  if (v.decisive.length) return [...v.decisive, ...weak].join(', ');
  return weak.length ? `${weak.join(' and ')} together` : 'no sign of automatic mail';
}
