/**
 * Reads just the header block of a raw message (no MIME parsing): what storing it needs
 * before anything else runs — the Message-ID for deduplication, and subject and sender
 * for the admin's list of received mail.
 */
import libmime from 'libmime';
import { toStorableText } from '../../domain/shared/well-formed-text.ts';
import { headerEnd, limitHeaders } from './parse/limit-headers.ts';

export interface PeekedHeaders { messageId: string | null; subject: string | null; from: string | null }

export function peekHeaders(received: Buffer): PeekedHeaders {
  // The whole header block, with giant lines cut: a From after a 1 MB line is still found.
  const { raw } = limitHeaders(received);
  const block = raw.subarray(0, headerEnd(raw)).toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const field = (name: string) => {
    const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(block);
    // Stored as text before anything else: a NUL here would make PostgreSQL refuse the whole message.
    return m ? toStorableText(m[1]).trim() : null;
  };
  const id = field('Message-ID');
  const messageId = id ? (/<([^<>\s]+)>/.exec(id)?.[1] ?? (id.split(/\s+/)[0] || null)) : null;
  return {
    messageId: messageId ? messageId.slice(0, 500) : null,
    subject: decode(field('Subject'))?.slice(0, 500) ?? null,
    from: (/[\w.!#$%&'*+/=?^`{|}~-]+@[\w.-]+/.exec(decode(field('From')) ?? '')?.[0] ?? null)?.toLowerCase() ?? null,
  };
}

function decode(value: string | null): string | null {
  if (value === null) return null;
  try {
    return toStorableText(libmime.decodeWords(value));
  } catch {
    return value;
  }
}
