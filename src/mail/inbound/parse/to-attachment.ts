import { createHash } from 'node:crypto';
import type { Attachment } from 'mailparser';
import type { MailAttachment } from './parsed-mail.ts';
import { uudecode } from './uudecode.ts';
import { attachmentName } from './attachment-name.ts';

/**
 * Maps a mailparser attachment to ours. The content type comes from the part's
 * own header (mailparser guesses from the file name for octet-stream, which
 * would hide what the sender declared).
 */
export function toAttachment(part: Attachment): MailAttachment {
  const header = part.headers.get('content-type');
  const declared = typeof header === 'object' && header !== null && 'value' in header ? String(header.value) : null;
  const contentType = (declared || part.contentType || 'application/octet-stream').toLowerCase().trim();
  const encoding = String(part.headers.get('content-transfer-encoding') ?? '').trim().toLowerCase();
  const content = /^(x-)?uu(encode|e)?$/.test(encoding) ? uudecode(part.content) : part.content;
  const contentId = part.cid ?? (part.contentId ? part.contentId.replace(/^\s*<|>\s*$/g, '').trim() : null);
  // An image is inline when it is meant for the body: marked inline, or
  // referenced from a multipart/related HTML body by its Content-ID.
  const inline = part.contentDisposition === 'inline' || (Boolean(contentId) && part.related === true);
  return {
    filename: attachmentName(part),
    contentType,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    md5: createHash('md5').update(content).digest('hex'),
    contentId: contentId || null,
    inline,
    content,
  };
}
