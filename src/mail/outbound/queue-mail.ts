/**
 * The way into the outbox: every outgoing mail is a row written in the caller's
 * transaction, plus the `mail.deliver` job that sends it after commit (retried with
 * backoff by the worker). See docs/mail-outbound.md.
 */
import { insertJobs } from '../../jobs/jobs.repo.ts';
import { newId, nowIso } from '../../domain/shared/clock.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { ValidationError } from '../../domain/shared/errors.ts';
import { afterCommit, inTransaction } from '../../domain/shared/transaction.ts';
import { firstRefusedRecipient } from './may-send-to.ts';
import { FALLBACK_MAIL_DOMAIN, newMessageId } from './message-id.ts';
import { findOutboundMailByDedupeKey, insertOutboundMail } from './outbound-mails.repo.ts';
import { deliveryJob } from './delivery-job.ts';

export interface QueuedMail {
  /** The ticket this mail belongs to, and the thread message it carries (null for notifications that carry none). */
  ticketId: string | null;
  messageId: string | null;
  /** reply: an agent's answer to the customer; confirmation: "we got your ticket"; notification: to staff or a customer about a change. */
  kind: 'reply' | 'confirmation' | 'notification';
  to: string[];
  cc?: string[];
  /** Display name and address; Reply-To is usually the department's queue address. */
  from: string;
  replyTo?: string | null;
  subject: string;
  text: string;
  html?: string | null;
  /** Threading (RFC 5322): the Message-ID we answer, and the whole chain. */
  inReplyTo?: string | null;
  references?: string[];
  /** Automatic mail (confirmations, notifications) gets Auto-Submitted: auto-generated, X-Auto-Response-Suppress: All and our loop header; a person's reply gets only the loop header. */
  automatic: boolean;
  /** Send no earlier than this (ISO time); null or absent: at once. */
  sendAt?: string | null;
  /** What makes this "the same mail" (unique per tenant): a second queueing with the key queues nothing. */
  dedupeKey?: string | null;
}

export interface Queued { id: string; emailMessageId: string; duplicate?: true }

const ADDRESS = /^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]+$/;
const MESSAGE_ID = /^<[^\s<>]+@[^\s<>]+>$/;

/**
 * Writes the mail to the outbox in the caller's transaction (so it exists if and only if
 * the change that caused it commits) and queues its delivery job. Returns the outbox row id
 * and the Message-ID the mail will carry (ours, `<…@…>`), which callers store on the thread
 * message (messages.email_message_id) so that replies to it thread back.
 *
 * Automatic mail to an address that may not get it (maySendTo) goes without that
 * recipient; with none left the row is kept `cancelled` with the reason, and nothing is sent.
 * With a dedupe key already in the outbox nothing is written: the first mail is returned,
 * marked `duplicate`.
 */
export async function queueMail(ctx: Ctx, mail: QueuedMail): Promise<Queued> {
  const to = normalize(mail.to, 'to');
  const cc = normalize(mail.cc ?? [], 'cc').filter((a) => !to.includes(a));
  if (to.length === 0) throw ValidationError.field('to', 'at least one recipient is required');
  const sendAt = mail.sendAt ? new Date(mail.sendAt) : new Date();
  if (Number.isNaN(sendAt.getTime())) throw ValidationError.field('send_at', 'must be an ISO date and time');
  const references = (mail.references ?? []).filter((r) => MESSAGE_ID.test(r));
  const inReplyTo = mail.inReplyTo && MESSAGE_ID.test(mail.inReplyTo) ? mail.inReplyTo : null;

  return inTransaction(ctx, async (tx) => {
    const refused: string[] = [];
    let keptTo = to;
    let keptCc = cc;
    if (mail.automatic) {
      for (;;) {
        const bad = await firstRefusedRecipient(tx.db, tx.tenantId, [...keptTo, ...keptCc]);
        if (!bad) break;
        refused.push(bad.reason);
        keptTo = keptTo.filter((a) => a !== bad.address);
        keptCc = keptCc.filter((a) => a !== bad.address);
      }
    }
    const id = newId();
    const emailMessageId = newMessageId(tx.mailDomain ?? FALLBACK_MAIL_DOMAIN, id);
    const now = nowIso();
    const nothingLeft = keptTo.length === 0 && keptCc.length === 0;
    const inserted = await insertOutboundMail(tx.db, {
      tenant_id: tx.tenantId, id, ticket_id: mail.ticketId, message_id: mail.messageId, kind: mail.kind,
      from_address: mail.from, reply_to: mail.replyTo ?? null,
      // Only Cc left (the To refused): the first Cc takes its place.
      to_addresses: JSON.stringify(keptTo.length ? keptTo : keptCc.slice(0, 1)),
      cc_addresses: JSON.stringify(keptTo.length ? keptCc : keptCc.slice(1)),
      subject: mail.subject, body_text: mail.text, body_html: mail.html ?? null,
      email_message_id: emailMessageId, in_reply_to: inReplyTo, email_references: JSON.stringify(references),
      automatic: mail.automatic,
      status: nothingLeft ? 'cancelled' : 'queued',
      reason: refused.length ? `not sent to: ${refused.join('; ')}` : null,
      last_error: null, send_at: sendAt.toISOString(), last_attempt_at: null, sent_at: null,
      created_at: now, updated_at: now, dedupe_key: mail.dedupeKey ?? null,
    }, nothingLeft ? [] : [...keptTo, ...keptCc]);
    if (!inserted) {
      const first = await findOutboundMailByDedupeKey(tx.db, tx.tenantId, mail.dedupeKey!);
      return { id: first!.id, emailMessageId: first!.email_message_id, duplicate: true as const };
    }
    if (!nothingLeft) {
      await insertJobs(tx.db, [deliveryJob(tx.tenantId, id, 0, sendAt)]);
      afterCommit(tx, tx.onJobsEnqueued);
    }
    return { id, emailMessageId };
  });
}

function normalize(addresses: readonly string[], field: string): string[] {
  const out: string[] = [];
  for (const raw of addresses) {
    const a = raw.trim().toLowerCase();
    if (!ADDRESS.test(a)) throw ValidationError.field(field, `"${raw}" is not an email address`);
    if (!out.includes(a)) out.push(a);
  }
  return out;
}
