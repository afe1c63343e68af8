/**
 * An agent's reply that carries `send_at` (seed 002's scheduled mail, `qore:mail`). The
 * message is in the thread at once for staff, marked scheduled; the customer sees nothing,
 * in the thread or by search, until it is published at send time by
 * tickets.publish_scheduled_reply. Its mail waits in the outbox for the same time.
 */
import { enqueueTask } from '../../jobs/enqueue-task.ts';
import { indexDocument } from '../search/search.repo.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ValidationError } from '../shared/errors.ts';
import type { MessageRow } from './messages.repo.ts';
import { publishJobKey, publishScheduledReplyTask } from './publish-scheduled-reply.task.ts';
import { insertScheduledReply } from './scheduled-replies.repo.ts';

/** How far ahead a reply may be scheduled. */
export const MAX_SCHEDULE_DAYS = 365;

/** The send time as stored (UTC ISO), or a 422 when it is not a future time within MAX_SCHEDULE_DAYS. */
export function checkSendAt(sendAt: string, field = 'send_at'): string {
  const at = Date.parse(sendAt);
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(sendAt.trim()) || Number.isNaN(at)) {
    throw ValidationError.field(field, 'must be an ISO 8601 date and time with an offset, e.g. 2026-12-24T09:00:00+01:00');
  }
  if (at <= Date.now()) throw ValidationError.field(field, 'must be in the future');
  if (at > Date.now() + MAX_SCHEDULE_DAYS * 86_400_000) throw ValidationError.field(field, `must be at most ${MAX_SCHEDULE_DAYS} days ahead`);
  return new Date(at).toISOString();
}

/** Marks a just-written reply as scheduled, in the caller's transaction: hidden from customers until `sendAt`. */
export async function scheduleReply(tx: Ctx, message: MessageRow, authorId: string, sendAt: string): Promise<void> {
  const now = nowIso();
  await insertScheduledReply(tx.db, {
    tenant_id: tx.tenantId, message_id: message.id, ticket_id: message.ticket_id, author_id: authorId,
    send_at: sendAt, published_at: null, cancelled_at: null, cancel_reason: null, created_at: now, updated_at: now,
  });
  // Out of customers' search until published (staff still find it).
  if (message.body) {
    await indexDocument(tx.db, tx.dialect, tx.tenantId, { ticketId: message.ticket_id, sourceId: `message:${message.id}`, text: message.body, internal: true });
  }
  await enqueueTask(tx, publishScheduledReplyTask, { message_id: message.id }, { runAt: new Date(sendAt), uniqueKey: publishJobKey(message.id) });
}
