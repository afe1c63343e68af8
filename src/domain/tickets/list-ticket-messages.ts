import type { Ctx } from '../shared/context.ts';
import { findUsersByIds } from '../users/users.repo.ts';
import { loadVisibleTicket } from './load-visible-ticket.ts';
import { listMessagesBefore } from './messages.repo.ts';
import { presentThreadMessages, visibleThreadMessages } from './thread-messages.ts';
import { canReadNotes } from './ticket.policy.ts';

export interface MessageKey { createdAt: string; id: string }

export interface ListTicketMessagesProps {
  /** The oldest message of the page before (from the cursor); none: the newest page. */
  before?: MessageKey;
  /** Messages per page. */
  limit: number;
}

/**
 * A page of a ticket's thread, newest first, so a long thread opens at its end and loads
 * older messages on demand. Same visibility as the ticket's thread: customers never get
 * notes nor unpublished scheduled replies (a page may then hold fewer than `limit`).
 * `older` is the key to continue from, taken from the rows read, not from those shown.
 */
export async function listTicketMessages(ctx: Ctx, ticketId: string, p: ListTicketMessagesProps) {
  const ticket = await loadVisibleTicket(ctx, ticketId);
  const rows = await listMessagesBefore(ctx.db, ctx.tenantId, ticket.id, { includeNotes: canReadNotes(ctx.actor), before: p.before, limit: p.limit + 1 });
  const page = rows.slice(0, p.limit);
  const last = page.at(-1);
  const visible = await visibleThreadMessages(ctx, page);
  const authorIds = [...new Set(visible.messages.map((m) => m.author_id).filter((id): id is string => !!id))];
  const users = await findUsersByIds(ctx.db, ctx.tenantId, authorIds);
  return {
    messages: await presentThreadMessages(ctx, visible, { users: new Map(users.map((u) => [u.id, u])) }),
    older: rows.length > p.limit && last ? { createdAt: String(last.created_at), id: last.id } : null,
  };
}
