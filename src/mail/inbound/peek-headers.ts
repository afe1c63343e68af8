/**
 * Reads just the header block of a raw message (no MIME parsing): what storing it needs
 * before anything else runs — the Message-ID for deduplication, and subject and sender
 * for the admin's list of received mail.
 */
import libmime from 'libmime';

export interface PeekedHeaders { messageId: string | null; subject: string | null; from: string | null }

export function peekHeaders(raw: Buffer): PeekedHeaders {
  const head = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ');
  const field = (name: string) => {
    const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(block);
    return m ? m[1].trim() : null;
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
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}
