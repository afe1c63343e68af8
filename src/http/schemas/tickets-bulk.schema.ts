import { z } from 'zod';
import { PRIORITIES, STATUSES } from '../../domain/tickets/ticket-values.ts';
import { ticketListQuery } from './tickets.schema.ts';

const tagNames = z.array(z.string().max(50)).max(50);

/** POST /tickets/bulk/: which tickets (ids, or the list's filter) and what to change on each. */
export const bulkUpdateTicketsBody = z.object({
  ids: z.array(z.uuid()).min(1).max(10_000).optional().describe('the tickets to change (ids the caller may not see count as not matched)'),
  filter: ticketListQuery.omit({ sort: true, limit: true, cursor: true }).optional()
    .describe('instead of ids: every ticket GET /tickets/api/tickets/ finds with these query parameters (at most 10,000)'),
  changes: z.object({
    status: z.enum(STATUSES).optional(),
    priority: z.enum(PRIORITIES).optional(),
    department: z.union([z.number().int().positive(), z.string().min(1).max(64)]).optional().describe('department id or slug'),
    assignee: z.uuid().nullable().optional().describe('an agent or admin, or null to unassign'),
    add_tags: tagNames.optional(),
    remove_tags: tagNames.optional(),
  }).strict(),
}).strict().refine((b) => (b.ids === undefined) !== (b.filter === undefined), { message: 'give either ids or filter', path: ['ids'] })
  .meta({ id: 'BulkUpdateTickets' });

export const bulkUpdateResultSchema = z.object({
  matched: z.number().int().describe('tickets found that the caller may see'),
  updated: z.number().int(),
  unchanged: z.number().int().describe('already as asked'),
  failed: z.array(z.object({ id: z.string(), number: z.string(), error: z.string() })).describe('tickets the rules refused, with the reason; the others were changed'),
}).meta({ id: 'BulkUpdateResult' });
