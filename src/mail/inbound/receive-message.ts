/**
 * The first thing done with every incoming message, whatever its source: store the raw
 * bytes durably, deduplicated per mailbox, and queue its processing in the same
 * transaction. Only when this resolves may the source acknowledge the message (IMAP
 * \Seen or move, POP3 DELE, SMTP 250, mailgate exit 0): a crash before that leaves the
 * message at its source, a crash after it leaves it stored.
 */
import { createHash } from 'node:crypto';
import { runTransaction } from '../../db/group-commit.ts';
import { insertJobs } from '../../jobs/jobs.repo.ts';
import { newId, nowIso } from '../../domain/shared/clock.ts';
import type { Services } from '../../domain/shared/context.ts';
import { contentDigest } from './content-digest.ts';
import { findInboundByDigest, findInboundByKey, insertInbound } from './inbound.repo.ts';
import { peekHeaders } from './peek-headers.ts';

export type InboundSource = 'imap' | 'pop3' | 'graph' | 'gmail' | 'lmtp' | 'smtp' | 'mailgate' | 'api';

export interface ReceiveProps {
  tenantId: string;
  /** The mailbox it was fetched from; null for direct delivery (LMTP/SMTP, mailgate). */
  mailboxId: string | null;
  source: InboundSource;
  /** Where it sits at the source (an IMAP UID, a Graph id), for the admin. */
  sourceRef?: string | null;
  raw: Buffer;
  envelope?: { mailFrom: string | null; recipients: string[] };
}

export const MAX_RAW_BYTES = 50 * 1024 * 1024;
export const PROCESS_TASK = 'mail.process';

export async function receiveMessage(services: Services, p: ReceiveProps): Promise<{ id: string; duplicate: boolean }> {
  if (p.raw.length > MAX_RAW_BYTES) throw new Error(`message of ${p.raw.length} bytes is over the ${MAX_RAW_BYTES} byte limit`);
  const peek = peekHeaders(p.raw);
  const dedupeKey = peek.messageId
    ? `mid:${peek.messageId.toLowerCase()}`
    : `sha256:${createHash('sha256').update(p.raw).digest('hex')}`;
  const mailboxKey = p.mailboxId ?? p.source;
  // Without a Message-ID, the same mail fetched again with one header more (a migrated
  // mailbox, a new UIDVALIDITY) has other bytes: it is recognised by its content.
  const digest = peek.messageId ? null : await contentDigest(p.raw);
  if (digest) {
    const same = await findInboundByDigest(services.db, p.tenantId, digest);
    if (same) return { id: same.id, duplicate: true };
  }
  const id = newId();
  const inserted = await runTransaction(services.db, async (trx) => {
    const ok = await insertInbound(trx, {
      id, tenant_id: p.tenantId, mailbox_key: mailboxKey, mailbox_id: p.mailboxId, source: p.source,
      source_ref: p.sourceRef ?? null, dedupe_key: dedupeKey, envelope: p.envelope ? JSON.stringify(p.envelope) : null,
      size: p.raw.length, status: 'received', reason: null, ticket_id: null, message_id: null,
      subject: peek.subject, from_address: peek.from, received_at: nowIso(), processed_at: null, content_digest: digest,
    }, p.raw);
    if (ok) await insertJobs(trx, [{ tenantId: p.tenantId, name: PROCESS_TASK, payload: { inboundId: id }, maxAttempts: 3, uniqueKey: `${PROCESS_TASK}:${id}` }]);
    return ok;
  });
  if (inserted) {
    services.onJobsEnqueued();
    return { id, duplicate: false };
  }
  const existing = await findInboundByKey(services.db, p.tenantId, mailboxKey, dedupeKey);
  return { id: existing?.id ?? id, duplicate: true };
}
