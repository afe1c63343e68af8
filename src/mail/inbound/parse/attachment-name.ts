import libmime from 'libmime';
import type { Attachment } from 'mailparser';

/**
 * The attachment's file name, decoded. The MIME parser reads RFC 2231 and
 * encoded-word names, but takes raw 8-bit names as Latin-1 and ignores a name
 * given only on Content-Type when it is encoded: raw names are read as UTF-8 when
 * they are, else in the part's declared charset.
 */
export function attachmentName(part: Attachment): string | null {
  const type = part.headers.get('content-type') as { params?: Record<string, string> } | undefined;
  let name = part.filename || type?.params?.name || null;
  if (!name) return null;
  if (/=\?[^?]+\?[bq]\?/i.test(name)) name = safeDecodeWords(name);
  return /[\u0080-\u00ff]/.test(name) && !/[^\u0000-\u00ff]/.test(name) ? fromRawBytes(name, type?.params?.charset) : name;
}

function safeDecodeWords(value: string): string {
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

/** A name whose characters are really bytes (8-bit, undeclared): UTF-8 if valid, else the declared charset. */
function fromRawBytes(name: string, charset: string | undefined): string {
  const bytes = Buffer.from(name, 'latin1');
  const utf8 = bytes.toString('utf8');
  if (!utf8.includes('\uFFFD')) return utf8;
  if (!charset || /^(us-ascii|iso-8859-1|latin1|utf-8)$/i.test(charset)) return name;
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return name; // a charset Node does not know
  }
}
