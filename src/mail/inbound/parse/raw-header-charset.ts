import { headerEnd } from './limit-headers.ts';
import { decodeCharset } from './charset-decoder.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Top-level header fields written in raw 8-bit bytes that are not UTF-8 (older
 * clients put Latin-1 or Cyrillic names and subjects there unencoded): the MIME
 * parser reads them as UTF-8 and gets replacement characters. The header block is
 * re-written in UTF-8 from the charset the message declares for its body, else
 * windows-1252. Returns the same buffer when there is nothing to repair.
 */
export function repairRawHeaders(raw: Buffer): Buffer {
  const end = headerEnd(raw);
  const head = raw.subarray(0, end);
  if (!head.some((b) => b >= 0x80)) return raw;
  try {
    UTF8.decode(head);
    return raw;
  } catch {
    const latin = head.toString('latin1');
    const charset = /^content-type:[^\n]*(?:\n[ \t][^\n]*)*?charset\s*=\s*"?([\w.:-]+)/im.exec(latin)?.[1] ?? 'windows-1252';
    return Buffer.concat([Buffer.from(decodeCharset(head, /^(utf-?8|us-ascii)$/i.test(charset) ? 'windows-1252' : charset), 'utf8'), raw.subarray(end)]);
  }
}
