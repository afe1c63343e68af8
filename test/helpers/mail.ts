/** Builds small RFC 5322 messages for pipeline tests, and delivers them as a source would. */
import { randomUUID } from 'node:crypto';
import { findInbound, type InboundRow } from '../../src/mail/inbound/inbound.repo.ts';
import { processInbound } from '../../src/mail/inbound/process-inbound.ts';
import { receiveMessage } from '../../src/mail/inbound/receive-message.ts';
import type { Runtime } from '../../src/runtime.ts';

export interface EmlProps {
  from: string; to: string; cc?: string; subject: string; body: string;
  messageId?: string | null; inReplyTo?: string; references?: string;
  headers?: Record<string, string>;
  attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
}

export function eml(p: EmlProps): Buffer {
  const id = p.messageId === undefined ? `<${randomUUID()}@mail.example>` : p.messageId;
  const head = [
    `From: ${p.from}`, `To: ${p.to}`, ...(p.cc ? [`Cc: ${p.cc}`] : []), `Subject: ${p.subject}`,
    'Date: Sat, 21 Nov 2026 10:00:00 +0000', ...(id ? [`Message-ID: ${id}`] : []),
    ...(p.inReplyTo ? [`In-Reply-To: ${p.inReplyTo}`] : []), ...(p.references ? [`References: ${p.references}`] : []),
    ...Object.entries(p.headers ?? {}).map(([k, v]) => `${k}: ${v}`), 'MIME-Version: 1.0',
  ];
  if (!p.attachments?.length) {
    return Buffer.from([...head, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', p.body, ''].join('\r\n'));
  }
  const b = `b-${randomUUID()}`;
  const parts = [`--${b}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', p.body];
  for (const a of p.attachments) {
    parts.push(`--${b}`, `Content-Type: ${a.contentType}; name="${a.filename}"`, `Content-Disposition: attachment; filename="${a.filename}"`,
      'Content-Transfer-Encoding: base64', '', a.content.toString('base64').replace(/.{76}/g, '$&\r\n'));
  }
  parts.push(`--${b}--`, '');
  return Buffer.from([...head, `Content-Type: multipart/mixed; boundary="${b}"`, '', ...parts].join('\r\n'));
}

/** Stores the message as a mailbox source would, then runs its processing job once. */
export async function deliver(rt: Runtime, raw: Buffer, opts: { tenantId?: string; mailboxId?: string | null; recipients?: string[] } = {}): Promise<InboundRow> {
  const tenantId = opts.tenantId ?? rt.defaultTenantId;
  const { id } = await receiveMessage(rt, {
    tenantId, mailboxId: opts.mailboxId ?? null, source: opts.mailboxId ? 'imap' : 'lmtp', raw,
    envelope: opts.recipients ? { mailFrom: null, recipients: opts.recipients } : undefined,
  });
  await processInbound(rt, tenantId, id, true);
  return (await findInbound(rt.db, tenantId, id))!;
}
