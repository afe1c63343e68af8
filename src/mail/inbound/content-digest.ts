/**
 * What makes two copies of a message without a Message-ID the same message: its sender,
 * date, subject, body text (whitespace normalized) and attachments — not its bytes, which
 * change when a mailbox migration or a relay adds a header. A message with neither
 * Message-ID nor Date gets no digest: too little says that two copies are one message.
 */
import { createHash } from 'node:crypto';
import { parseMail } from './parse/parse-mail.ts';

/** The hex sha256 of the normalized content, or null when there is no Date or the message cannot be parsed. */
export async function contentDigest(raw: Buffer): Promise<string | null> {
  try {
    const mail = await parseMail(raw);
    if (!mail.date) return null;
    const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
    return createHash('sha256').update(JSON.stringify([
      mail.from?.address.toLowerCase() ?? '', mail.date.toISOString(), norm(mail.subject), norm(mail.text),
      mail.attachments.map((a) => a.sha256).sort(),
    ])).digest('hex');
  } catch {
    return null;
  }
}
