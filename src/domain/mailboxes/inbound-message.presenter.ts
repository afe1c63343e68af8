import type { InboundRow, InboundStatus } from '../../mail/inbound/inbound.repo.ts';
import { parseTrace, type Trace } from '../../mail/inbound/trace.ts';

/** A received message in the admins' list: where it came from, what became of it and why. */
export function presentInboundSummary(m: InboundRow) {
  return {
    id: m.id,
    source: m.source,
    mailbox: m.mailbox_id,
    // The column only ever holds one of these (see InboundMessagesTable).
    status: m.status as InboundStatus,
    reason: m.reason,
    subject: m.subject,
    from: m.from_address,
    size: m.size,
    received_at: m.received_at,
    processed_at: m.processed_at,
    ticket: m.ticket_id,
  };
}

/** One received message in full: the summary, the SMTP envelope, where it sits at its source, and why it went where it went. */
export function presentInbound(m: InboundRow) {
  let envelope: { mail_from: string | null; recipients: string[] } | null = null;
  if (m.envelope) {
    const e = JSON.parse(m.envelope) as { mailFrom?: string | null; recipients?: string[] };
    envelope = { mail_from: e.mailFrom ?? null, recipients: e.recipients ?? [] };
  }
  return { ...presentInboundSummary(m), message_id: m.message_id, source_ref: m.source_ref, accepted_by: m.accepted_by, envelope, trace: presentTrace(parseTrace(m.trace ?? null)) };
}

/** The decision trace, one entry per decision, in the order taken; null before the message is processed. */
export function presentTrace(t: Trace | null) {
  if (!t) return null;
  return { entries: t.entries.map((e) => ({ step: e.step, decision: e.decision, detail: e.detail })), omitted: t.omitted, dry_run: !!t.dryRun };
}
