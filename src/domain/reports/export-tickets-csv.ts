/**
 * The ticket export (GET /tickets/api/tickets/export.csv): the ticket list's filters and
 * visibility, newest first, read page by page through the list's keyset paging and written
 * as CSV as it goes, so a million tickets never sit in memory at once.
 */
import type { Ctx } from '../shared/context.ts';
import { loadTicketDetails } from '../tickets/ticket-details.ts';
import { listTickets, type TicketFilters, type TicketSort } from '../tickets/list-tickets.ts';
import { presentTicket } from '../tickets/ticket.presenter.ts';
import { authorizeReports } from './reports.policy.ts';
import { csvLine } from './reports-csv.ts';

const PAGE = 500;
export const TICKET_CSV_HEADER = [
  'number', 'subject', 'status', 'priority', 'department', 'assignee', 'requester', 'requester_email', 'category', 'channel',
  'tags', 'created_at', 'updated_at', 'first_response_at', 'resolved_at', 'closed_at', 'id',
] as const;

/** Checks the actor at once (so a refusal is an HTTP error, not a broken download), then yields CSV text. */
export function exportTicketsCsv(ctx: Ctx, filters: TicketFilters, sort: TicketSort = '-created_at'): AsyncGenerator<string> {
  authorizeReports(ctx.actor, 'read');
  return lines(ctx, filters, sort);
}

async function* lines(ctx: Ctx, filters: TicketFilters, sort: TicketSort): AsyncGenerator<string> {
  yield csvLine(TICKET_CSV_HEADER);
  let cursor: string | undefined;
  do {
    const { rows, nextCursor } = await listTickets(ctx, { ...filters, sort, cursor, limit: PAGE });
    const details = await loadTicketDetails(ctx, rows);
    let chunk = '';
    for (const row of rows) {
      const t = presentTicket(row, details);
      chunk += csvLine([
        t.number, t.subject, t.status, t.priority, t.department.name, t.assignee?.name, t.requester?.name, t.requester?.email,
        t.category, t.channel, t.tags.join(' '),
        t.created_at, t.updated_at, t.first_response_at, t.resolved_at, t.closed_at, t.id,
      ]);
    }
    yield chunk;
    cursor = nextCursor ?? undefined;
  } while (cursor);
}
