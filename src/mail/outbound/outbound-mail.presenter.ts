/**
 * How an outbox row is shown to admins (and agents, their scheduled replies): everything but
 * the body (the delivery state on the thread is domain/tickets/message-deliveries.repo.ts).
 * A queued mail whose send_at is still ahead shows as `scheduled`.
 */
import type { OutboundMailRow } from './outbound-mails.repo.ts';

const list = (json: string): string[] => JSON.parse(json) as string[];

/** The row as the API shows it. */
export function presentOutboundMail(r: OutboundMailRow) {
  const sendAt = new Date(r.send_at).toISOString();
  return {
    id: r.id, ticket_id: r.ticket_id, message_id: r.message_id, kind: r.kind,
    status: r.status === 'queued' && sendAt > new Date().toISOString() ? 'scheduled' as const : r.status,
    reason: r.reason, last_error: r.last_error,
    from: r.from_address, reply_to: r.reply_to, to: list(r.to_addresses), cc: list(r.cc_addresses), subject: r.subject,
    email_message_id: r.email_message_id, in_reply_to: r.in_reply_to, references: list(r.email_references),
    automatic: Boolean(r.automatic), attempts: r.attempts,
    send_at: sendAt, sent_at: r.sent_at, last_attempt_at: r.last_attempt_at, created_at: r.created_at, updated_at: r.updated_at,
  };
}

