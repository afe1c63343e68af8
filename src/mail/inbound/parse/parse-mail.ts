import { simpleParser } from 'mailparser';
import type { AddressObject, SimpleParserOptions } from 'mailparser';
import libmime from 'libmime';
import { toAddressList } from './addresses.ts';
import { extractMessageIds } from './message-ids.ts';
import { decodeHeaders, toRawHeaders } from './raw-headers.ts';
import { sanitizeMailHtml } from './sanitize-mail-html.ts';
import { htmlToPlainText } from './html-to-plain-text.ts';
import { limitHeaders } from './limit-headers.ts';
import { toAttachment } from './to-attachment.ts';
import { CharsetDecoder } from './charset-decoder.ts';
import { repairRawHeaders } from './raw-header-charset.ts';
import type { ParsedMail } from './parsed-mail.ts';
import { toStorableText } from '../../../domain/shared/well-formed-text.ts';

// ignoreEmbedded: an attached message/rfc822 stays one attachment (its raw
// bytes) instead of being spliced into our body and attachment list.
// keepDeliveryStatus: DSN parts stay separate so the bounce parser can read them.
// Iconv: text parts are decoded by charset-decoder.ts (WHATWG labels and supersets).
const PARSER_OPTIONS = {
  // The typings describe a stream here; the parser really wants node-iconv's constructor.
  Iconv: CharsetDecoder as unknown as SimpleParserOptions['Iconv'],
  ignoreEmbedded: true,
  keepDeliveryStatus: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  skipHtmlToText: true,
  keepCidLinks: true,
} as const;

/** Parses one raw RFC 5322 message into the typed form the pipeline uses. */
export async function parseMail(received: Buffer): Promise<ParsedMail> {
  const { raw, cut } = limitHeaders(repairRawHeaders(received));
  const mail = await simpleParser(raw, PARSER_OPTIONS);
  const rawHeaders = toRawHeaders(mail.headerLines ?? []);
  const headers = decodeHeaders(rawHeaders);
  const contentTypeHeader = rawHeaders.find((h) => h.name === 'content-type')?.value ?? 'text/plain';
  const contentType = libmime.parseHeaderValue(contentTypeHeader);
  // Mail is kept, not refused: NULs and lone surrogates (which PostgreSQL cannot store) are cleaned away.
  const rawHtml = typeof mail.html === 'string' && mail.html.trim() !== '' ? toStorableText(mail.html) : null;
  const hasTextPart = typeof mail.text === 'string' && mail.text.trim() !== '';
  let text = hasTextPart ? toStorableText(mail.text as string) : rawHtml ? htmlToPlainText(rawHtml) : '';
  // A multipart message whose boundaries never appear yields nothing at all;
  // its body is still the best text we have (some MTAs write such reports).
  if (!text && mail.attachments.length === 0) text = toStorableText(bodyAfterHeaders(raw));
  const fromAll = toAddressList(mail.from as AddressObject | undefined);
  const date = mail.date instanceof Date && !Number.isNaN(mail.date.getTime()) && headers.has('date') ? mail.date : null;
  return {
    rawHeaders,
    headers,
    messageId: extractMessageIds(mail.messageId)[0] ?? null,
    inReplyTo: extractMessageIds(mail.inReplyTo)[0] ?? null,
    references: extractMessageIds(mail.references),
    date,
    subject: toStorableText(mail.subject ?? '').replace(/\s+/g, ' ').trim(),
    from: fromAll[0] ?? null,
    fromAll,
    replyTo: toAddressList(mail.replyTo, headers.get('reply-to')),
    to: toAddressList(mail.to, headers.get('to')),
    cc: toAddressList(mail.cc, headers.get('cc')),
    text: text.replace(/\r\n?/g, '\n'),
    textFromHtml: !hasTextPart && rawHtml !== null,
    html: rawHtml ? sanitizeMailHtml(rawHtml) : null,
    rawHtml,
    attachments: mail.attachments.map(toAttachment),
    contentType: contentType.value.toLowerCase(),
    contentTypeParams: contentType.params,
    partTypes: findPartTypes(raw),
    cutHeaders: cut,
  };
}

/** Every Content-Type in the raw message, the cheap way: enough to spot reports. */
function findPartTypes(raw: Buffer): string[] {
  const text = raw.toString('latin1');
  const found = text.match(/^content-type:[ \t]*[\w.+-]+\/[\w.+-]+/gim) ?? [];
  return found.map((line) => line.replace(/^content-type:[ \t]*/i, '').toLowerCase());
}

function bodyAfterHeaders(raw: Buffer): string {
  const text = raw.toString('utf8');
  const m = /\r?\n\r?\n/.exec(text);
  return m ? text.slice(m.index + m[0].length).trim() : '';
}
