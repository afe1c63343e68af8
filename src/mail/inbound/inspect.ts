import { parseMail } from './parse/parse-mail.ts';
import type { MailAddress, MailAttachment } from './parse/parsed-mail.ts';
import { extractVisibleText } from './analysis/visible-text.ts';
import { detectForward } from './analysis/forwarded.ts';
import type { ForwardInfo } from './analysis/forwarded.ts';
import { parseBounce } from './analysis/bounce.ts';
import type { BounceInfo } from './analysis/bounce.ts';
import { isAutoReply } from './analysis/auto-reply.ts';

/** One line of `parley mail inspect` (see ../shared/corpora/README.md). */
export interface InspectResult {
  file: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  date: string | null;
  subject: string;
  from: MailAddress | null;
  replyTo: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  text: string;
  html: string | null;
  visibleText: string;
  /** The parsed attachments without their bytes. */
  attachments: Array<Omit<MailAttachment, 'content'>>;
  autoReply: boolean;
  bounce: BounceInfo | null;
  forwarded: ForwardInfo | null;
}

/**
 * Runs the pipeline's parse and classification steps on one raw message and
 * returns what they found, without touching any store.
 */
export async function inspectMail(raw: Buffer, file: string): Promise<InspectResult> {
  const mail = await parseMail(raw);
  const bounce = parseBounce(mail);
  return {
    file,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    date: mail.date ? mail.date.toISOString() : null,
    subject: mail.subject,
    from: mail.from,
    replyTo: mail.replyTo,
    to: mail.to,
    cc: mail.cc,
    text: mail.text,
    html: mail.html,
    visibleText: extractVisibleText(mail),
    attachments: mail.attachments.map(({ content: _content, ...meta }) => meta),
    autoReply: isAutoReply(mail, bounce),
    bounce,
    forwarded: detectForward(mail),
  };
}
