/**
 * The typed result of parsing one raw message. The inbound pipeline and
 * `parley mail inspect` both consume it, so it carries everything later steps
 * need: raw header lines (threading, trust), bodies, attachment bytes, and the
 * MIME facts the auto-reply and bounce classifiers look at.
 */

export interface MailAddress {
  address: string;
  /** Decoded display name, or null when the header gave none. */
  name: string | null;
}

export interface MailAttachment {
  /** Decoded (RFC 2231/2047) file name, or null when the part declares none. */
  filename: string | null;
  /** Bare, lower-case type from the part's own header, e.g. `image/png`. */
  contentType: string;
  size: number;
  sha256: string;
  md5: string;
  /** Content-ID without angle brackets, or null. */
  contentId: string | null;
  /** True for parts meant to be shown in the body (inline images). */
  inline: boolean;
  /** Decoded bytes; for an attached message/rfc822, its raw bytes. */
  content: Buffer;
}

/** One raw header line as it appeared, folded lines joined. */
export interface RawHeader {
  /** Lower-case field name. */
  name: string;
  /** Unfolded value, still RFC 2047 encoded. */
  value: string;
}

export interface ParsedMail {
  /** Top-level header lines in order, for threading and trust checks. */
  rawHeaders: RawHeader[];
  /** Lower-case field name → decoded values in order (RFC 2047 applied). */
  headers: Map<string, string[]>;
  messageId: string | null;
  inReplyTo: string | null;
  /** Ids from References, oldest first. */
  references: string[];
  date: Date | null;
  subject: string;
  from: MailAddress | null;
  /** The whole From list: some auto-replies and bounces list more than one. */
  fromAll: MailAddress[];
  replyTo: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  /** Plain-text body (HTML converted when there is no text part). */
  text: string;
  /** True when `text` was made from the HTML body (there was no text part). */
  textFromHtml: boolean;
  /** Sanitised HTML body, safe to show, or null. */
  html: string | null;
  /** The HTML body as received: quote detection needs the original classes. */
  rawHtml: string | null;
  attachments: MailAttachment[];
  /** Bare top-level content type, e.g. `multipart/report`. */
  contentType: string;
  /** Parameters of the top-level Content-Type (e.g. `report-type`). */
  contentTypeParams: Record<string, string>;
  /** Bare content types of every MIME part, depth first (including the root). */
  partTypes: string[];
  /** Header fields that were too long and were shortened or left out before parsing (see limit-headers.ts). */
  cutHeaders?: string[];
}
