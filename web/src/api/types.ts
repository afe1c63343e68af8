/**
 * The API's shapes, taken from the server's own Zod schemas (type-only imports: no server
 * code reaches the bundle). Change a schema in src/http/schemas/ and the app stops compiling
 * where it disagrees.
 */
import type { z } from 'zod';
import type { meSchema } from '../../../src/http/schemas/auth.schema.ts';
import type { problemSchema } from '../../../src/http/schemas/common.schema.ts';
import type {
  attachmentSchema, createTicketBody, replyBody, updateTicketBody, threadMessageSchema, ticketListQuery, ticketSchema, ticketWithThreadSchema,
} from '../../../src/http/schemas/tickets.schema.ts';

export type Me = z.output<typeof meSchema>;
export type Problem = z.output<typeof problemSchema>;
export type Ticket = z.output<typeof ticketSchema>;
export type TicketWithThread = z.output<typeof ticketWithThreadSchema>;
export type ThreadMessage = z.output<typeof threadMessageSchema>;
export type Attachment = z.output<typeof attachmentSchema>;
/** What POST /tickets/api/tickets/ accepts. */
export type CreateTicket = z.input<typeof createTicketBody>;
/** What PATCH /tickets/api/tickets/:id/ accepts. */
export type UpdateTicket = z.input<typeof updateTicketBody>;
/** What POST /tickets/api/tickets/:id/reply/ accepts. */
export type Reply = z.input<typeof replyBody>;
/** The list's query string, as the server reads it (before its parsing). */
export type TicketListQuery = Partial<Record<keyof z.input<typeof ticketListQuery>, string>>;
export type TicketPage = { results: Ticket[]; next_cursor: string | null };
/** GET /tickets/api/departments/ (the route keeps its schema private). */
export type Department = { id: number; name: string; slug: string };
