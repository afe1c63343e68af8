/**
 * `mail.deliver`: sends one outbox row through its transport (its department's settings,
 * its tenant's, or SMTP_URL: see transports/select-transport.ts). The row's status is
 * read first, so a mail already sent (or cancelled, or held) is never sent again; the only
 * mail a crash can send twice is the one in flight between the SMTP "250" and the write
 * of `sent`, and it goes out again with the same Message-ID. On failure the row keeps the
 * error and the worker retries with backoff; out of attempts it is `failed`, and the
 * thread message it carries gets a `message.delivery_failed` event. Without a usable
 * transport the row waits, queued, and the tenant's admins are told once.
 */
import { z } from 'zod';
import { recordEvent } from '../../domain/events/record-event.ts';
import { nowIso } from '../../domain/shared/clock.ts';
import { systemCtx, type Ctx, type Services } from '../../domain/shared/context.ts';
import { inTransaction } from '../../domain/shared/transaction.ts';
import { getSettings } from '../../domain/settings/get-settings.ts';
import { DeferJob } from '../../jobs/defer-job.ts';
import { defineTask } from '../../jobs/define-task.ts';
import { DELIVER_TASK } from './delivery-job.ts';
import type { Runtime } from '../../runtime.ts';
import { MailboxNeedsReauthError } from '../inbound/oauth/access-token.ts';
import { outgoingHeaders } from './outgoing-headers.ts';
import { findOutboundMail, setRecipientsCounted, updateOutboundMail, type OutboundMailRow } from './outbound-mails.repo.ts';
import { takeThresholdSlot } from './send-threshold.ts';
import type { DkimKey, MailTransport, OutgoingMail } from './transport.ts';
import { noteNoTransport, noteTransportWorks } from './transports/no-transport-notice.ts';
import { TransportUnavailableError, selectTransport } from './transports/select-transport.ts';
import { tenantDkim } from './transports/tenant-dkim.ts';

export type DeliverDeps = Pick<Services, 'db' | 'dialect' | 'attachments' | 'onJobsEnqueued' | 'onEventRecorded'> & { mail: MailTransport; runtime(): Runtime };

/** Shown on a row while no transport is configured; the job looks again this often (and at once when settings are saved). */
export const NO_TRANSPORT_REASON = 'waiting: no outgoing mail transport is configured (set SMTP_URL, or the outgoing mail settings of the tenant or department); nothing is lost, it is sent once one is';
const NO_TRANSPORT_RETRY_MS = 10 * 60_000;

export const deliverMailTask = defineTask({
  name: DELIVER_TASK,
  payload: z.object({ outbound_id: z.string().min(1) }),
  async run(deps: DeliverDeps, payload, job) {
    const tenantId = job.tenantId;
    if (!tenantId) throw new Error('a mail.deliver job needs its tenant');
    const row = await findOutboundMail(deps.db, tenantId, payload.outbound_id);
    if (!row || row.status !== 'queued') return;
    const now = new Date();
    if (new Date(row.send_at) > now) throw new DeferJob(new Date(row.send_at).getTime() - now.getTime(), 'scheduled for later');
    let choice;
    try {
      choice = await selectTransport(deps, tenantId, row.ticket_id);
    } catch (err) {
      if (err instanceof TransportUnavailableError) return wait(deps, tenantId, row.id, `waiting: ${err.message}`);
      throw err;
    }
    if (!choice) {
      await noteNoTransport(deps, tenantId, NO_TRANSPORT_REASON);
      return wait(deps, tenantId, row.id, NO_TRANSPORT_REASON);
    }
    const recipients = [...parse(row.to_addresses), ...parse(row.cc_addresses)];
    if (!row.threshold_waived) {
      const { mail_send_threshold: threshold } = await getSettings(deps.db, tenantId);
      const held = await takeThresholdSlot(deps.db, deps.dialect, tenantId, row.id, recipients, threshold, now);
      if (held) {
        await updateOutboundMail(deps.db, tenantId, row.id, ['queued'], { status: 'held', reason: held, updated_at: nowIso() });
        return;
      }
    }
    await updateOutboundMail(deps.db, tenantId, row.id, ['queued'], { attempts: row.attempts + 1, last_attempt_at: now.toISOString(), updated_at: now.toISOString() });
    try {
      await choice.transport.send(toOutgoing(row, await tenantDkim(deps.db, deps.runtime().secrets, tenantId)));
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await setRecipientsCounted(deps.db, tenantId, row.id, null);
      // The sending mailbox lost its authorization: the mail waits for an admin to connect it again (they are told).
      if (err instanceof MailboxNeedsReauthError) return wait(deps, tenantId, row.id, `waiting: ${error}`);
      const last = job.attempts >= job.maxAttempts;
      await markFailedAttempt(deps, tenantId, row, error, last);
      throw err;
    }
    // The truth wins: sent, even if an admin cancelled it while it was on the wire.
    const at = nowIso();
    await updateOutboundMail(deps.db, tenantId, row.id, ['queued', 'held', 'cancelled'], { status: 'sent', sent_at: at, reason: null, last_error: null, updated_at: at });
    await noteTransportWorks(deps, tenantId);
  },
});

/** Keeps the row queued with the reason it waits, and looks again later (at once if settings are saved). */
async function wait(deps: DeliverDeps, tenantId: string, id: string, reason: string): Promise<never> {
  await updateOutboundMail(deps.db, tenantId, id, ['queued'], { reason: reason.slice(0, 2000), updated_at: nowIso() });
  throw new DeferJob(NO_TRANSPORT_RETRY_MS, reason);
}

/** Keeps the error on the row; on the last attempt the row is failed and the thread is told. */
async function markFailedAttempt(deps: DeliverDeps, tenantId: string, row: OutboundMailRow, error: string, last: boolean): Promise<void> {
  const at = nowIso();
  if (!last) {
    await updateOutboundMail(deps.db, tenantId, row.id, ['queued'], { last_error: error.slice(0, 2000), reason: 'delivery failed; retrying with backoff', updated_at: at });
    return;
  }
  const ctx: Ctx = systemCtx(deps, tenantId, 'jobs');
  await inTransaction(ctx, async (tx) => {
    const changed = await updateOutboundMail(tx.db, tenantId, row.id, ['queued'], { status: 'failed', last_error: error.slice(0, 2000), reason: `delivery failed after ${row.attempts + 1} attempts: ${error}`.slice(0, 2000), updated_at: at });
    if (changed && row.message_id) {
      await recordEvent(tx, {
        name: 'message.delivery_failed', subjectType: 'ticket', subjectId: row.ticket_id ?? row.message_id,
        payload: { message_id: row.message_id, recipient: parse(row.to_addresses).join(', '), reason: error.slice(0, 1000) },
      });
    }
  });
}

function toOutgoing(row: OutboundMailRow, dkim: DkimKey | undefined): OutgoingMail {
  const cc = parse(row.cc_addresses);
  const references = parse(row.email_references);
  return {
    from: row.from_address, to: parse(row.to_addresses), subject: row.subject, text: row.body_text,
    ...(cc.length ? { cc } : {}),
    ...(row.body_html ? { html: row.body_html } : {}),
    ...(row.reply_to ? { replyTo: row.reply_to } : {}),
    messageId: row.email_message_id,
    ...(row.in_reply_to ? { inReplyTo: row.in_reply_to } : {}),
    ...(references.length ? { references } : {}),
    // The install's mail domain is the one its Message-IDs carry.
    headers: outgoingHeaders(Boolean(row.automatic), row.email_message_id.replace(/^.*@|>$/g, '')),
    ...(dkim && { dkim }),
  };
}

function parse(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
