/**
 * Adds one message (with its attachments) to a ticket inside the caller's transaction:
 * stores it, makes it searchable and records `message.created` (a reply) or `note.created`
 * (an internal note). The policy checks belong to the commands that call it
 * (create-ticket, reply-to-ticket, the mail pipeline).
 */
import { insertAttachments } from '../attachments/attachments.repo.ts';
import { markTicketActivity } from '../inactivity/inactivity.repo.ts';
import { isActivity } from '../inactivity/ticket-activity.ts';
import { recordEvent } from '../events/record-event.ts';
import { indexDocument } from '../search/search.repo.ts';
import { newId, nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { htmlToText, sanitizeBodyHtml } from '../shared/html.ts';
import { insertMessage, type MessageRow } from './messages.repo.ts';
import type { Channel, MessageType } from './ticket-values.ts';

export interface NewAttachment {
  sha256: string;
  size: number;
  filename: string;
  contentType: string;
  inline?: boolean;
  contentId?: string | null;
}

export interface NewMessage {
  messageType: MessageType;
  body: string;
  bodyHtml?: string | null;
  authorId: string | null;
  channel: Channel;
  timeSpent?: number | null;
  attachments?: NewAttachment[];
  quotedText?: string | null;
  email?: { messageId: string | null; inReplyTo: string | null; references: string[]; headers: Record<string, string> };
  createdAt?: string;
  /** A reply scheduled for later (schedule-reply.ts): its event says so, and customers hear of it only when it is published. */
  scheduled?: boolean;
  /** The message that opens a new ticket (create-ticket.ts): its event says so. */
  opening?: boolean;
}

export async function appendMessage(tx: Ctx, ticketId: string, m: NewMessage): Promise<MessageRow> {
  const row = messageRow(tx, ticketId, m);
  const { id, created_at: createdAt, body } = row;
  await insertMessage(tx.db, row);
  // A person's reply or note starts a new period of inactivity (docs/automation-inactivity.md);
  // the opening message's is the new ticket's own last_activity_at.
  if (isActivity(m) && !m.opening) await markTicketActivity(tx.db, tx.tenantId, ticketId, createdAt);
  await insertAttachments(tx.db, (m.attachments ?? []).map((a) => ({
    id: newId(), tenant_id: tx.tenantId, ticket_id: ticketId, message_id: id,
    filename: a.filename, content_type: a.contentType, size: a.size, sha256: a.sha256,
    inline: a.inline ?? false, content_id: a.contentId ?? null, created_at: createdAt,
  })));
  // Notes are staff-only, so customers' searches must not find them (system lines are not indexed).
  if (m.messageType !== 'system' && body) {
    await indexDocument(tx.db, tx.dialect, tx.tenantId, { ticketId, sourceId: `message:${id}`, text: body, internal: m.messageType !== 'reply', isNew: true });
  }
  // A system line records nothing: the change it describes has its own event (ticket.status_changed, …).
  if (m.messageType !== 'system') {
    await recordEvent(tx, {
      name: m.messageType === 'note' ? 'note.created' : 'message.created', subjectType: 'ticket', subjectId: ticketId,
      payload: { message_id: id, channel: m.channel, author_id: m.authorId, attachments: (m.attachments ?? []).length, ...(m.scheduled && { scheduled: true as const }), ...(m.opening && m.messageType === 'reply' && { opening: true as const }) },
    });
  }
  return row;
}

/** The stored row of a new message (sanitized HTML, text body); system lines are written in bulk from it too. */
export function messageRow(tx: Ctx, ticketId: string, m: NewMessage): MessageRow {
  const bodyHtml = m.bodyHtml ? sanitizeBodyHtml(m.bodyHtml) : null;
  return {
    id: newId(), tenant_id: tx.tenantId, ticket_id: ticketId,
    message_type: m.messageType, channel: m.channel, author_id: m.authorId,
    body: m.body.trim() || (bodyHtml ? htmlToText(bodyHtml) : ''), body_html: bodyHtml, quoted_text: m.quotedText ?? null,
    email_message_id: m.email?.messageId ?? null,
    email_in_reply_to: m.email?.inReplyTo ?? null,
    email_references: m.email ? JSON.stringify(m.email.references) : null,
    email_headers: m.email ? JSON.stringify(m.email.headers) : null,
    time_spent: m.timeSpent ?? null,
    created_at: m.createdAt ?? nowIso(),
  };
}
