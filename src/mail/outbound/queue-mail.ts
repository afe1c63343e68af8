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
import { refusedRecipients } from './may-send-to.ts';
import { FALLBACK_MAIL_DOMAIN, newMessageId } from './message-id.ts';
import { findOutboundMailsByDedupeKeys, insertOutboundMails, type NewOutboundMail } from './outbound-mails.repo.ts';
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
  const [queued] = await queueMails(ctx, [mail]);
  return queued;
}

/**
 * queueMail for several mails at once (the notices of one event), each exactly as queueMail
 * would queue it, in a few statements whatever their number: one recipient check, one insert
 * of rows, one of recipients, one of delivery jobs. Answers in the order given. A caller that
 * has checked the recipients already passes what refusedRecipients answered for them.
 */
export async function queueMails(ctx: Ctx, mails: readonly QueuedMail[], refused?: ReadonlyMap<string, string>): Promise<Queued[]> {
  if (mails.length === 0) return [];
  const checked = mails.map(check);
  return inTransaction(ctx, async (tx) => {
    const automatic = checked.filter((c) => c.mail.automatic).flatMap((c) => [...c.to, ...c.cc]);
    // `refused`: the caller looked up these addresses already (refusedRecipients), in this transaction.
    const refusedFor = refused ?? (automatic.length ? await refusedRecipients(tx.db, tx.tenantId, automatic) : new Map<string, string>());
    const now = nowIso();
    const planned = checked.map(({ mail, to, cc, sendAt, inReplyTo, references }) => {
      const refused = mail.automatic ? [...to, ...cc].filter((a) => refusedFor.has(a)) : [];
      const keptTo = to.filter((a) => !refused.includes(a));
      const keptCc = cc.filter((a) => !refused.includes(a));
      const nothingLeft = keptTo.length === 0 && keptCc.length === 0;
      const id = newId();
      const row: NewOutboundMail['row'] = {
        tenant_id: tx.tenantId, id, ticket_id: mail.ticketId, message_id: mail.messageId, kind: mail.kind,
        from_address: mail.from, reply_to: mail.replyTo ?? null,
        // Only Cc left (the To refused): the first Cc takes its place.
        to_addresses: JSON.stringify(keptTo.length ? keptTo : keptCc.slice(0, 1)),
        cc_addresses: JSON.stringify(keptTo.length ? keptCc : keptCc.slice(1)),
        subject: mail.subject, body_text: mail.text, body_html: mail.html ?? null,
        email_message_id: newMessageId(tx.mailDomain ?? FALLBACK_MAIL_DOMAIN, id), in_reply_to: inReplyTo, email_references: JSON.stringify(references),
        automatic: mail.automatic,
        status: nothingLeft ? 'cancelled' : 'queued',
        reason: refused.length ? `not sent to: ${refused.map((a) => refusedFor.get(a)).join('; ')}` : null,
        last_error: null, send_at: sendAt.toISOString(), last_attempt_at: null, sent_at: null,
        created_at: now, updated_at: now, dedupe_key: mail.dedupeKey ?? null,
      };
      return { row, recipients: nothingLeft ? [] : [...keptTo, ...keptCc], sendAt, nothingLeft };
    });
    const inserted = await insertOutboundMails(tx.db, planned);
    const firstByKey = await findOutboundMailsByDedupeKeys(tx.db, tx.tenantId,
      planned.filter((p) => !inserted.has(p.row.id!)).map((p) => p.row.dedupe_key!));
    const jobs = planned.filter((p) => inserted.has(p.row.id!) && !p.nothingLeft).map((p) => deliveryJob(tx.tenantId, p.row.id!, 0, p.sendAt));
    if (jobs.length) {
      await insertJobs(tx.db, jobs);
      afterCommit(tx, tx.onJobsEnqueued);
    }
    return planned.map((p): Queued => {
      if (inserted.has(p.row.id!)) return { id: p.row.id!, emailMessageId: p.row.email_message_id! };
      const first = firstByKey.get(p.row.dedupe_key!)!;
      return { id: first.id, emailMessageId: first.email_message_id, duplicate: true };
    });
  });
}

/** A mail's addresses, send time and threading, checked before anything is written. */
function check(mail: QueuedMail) {
  const to = normalize(mail.to, 'to');
  const cc = normalize(mail.cc ?? [], 'cc').filter((a) => !to.includes(a));
  if (to.length === 0) throw ValidationError.field('to', 'at least one recipient is required');
  const sendAt = mail.sendAt ? new Date(mail.sendAt) : new Date();
  if (Number.isNaN(sendAt.getTime())) throw ValidationError.field('send_at', 'must be an ISO date and time');
  const references = (mail.references ?? []).filter((r) => MESSAGE_ID.test(r));
  const inReplyTo = mail.inReplyTo && MESSAGE_ID.test(mail.inReplyTo) ? mail.inReplyTo : null;
  return { mail, to, cc, sendAt, references, inReplyTo };
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
