import { z } from 'zod';
import { MESSAGE_TYPES, PRIORITIES, STATUSES } from '../../domain/tickets/ticket-values.ts';
import { TICKET_SORTS } from '../../domain/tickets/list-tickets.ts';
import { csv, listQuery, userSummarySchema } from './common.schema.ts';
import { ticketSlaFields, ticketSlaFilters } from './sla-policies.schema.ts';

const email = z.email('must be an email address');
const departmentRef = z.union([z.number().int().positive(), z.string().min(1).max(64)])
  .describe('department id (as in the seed) or slug');

export const newMessageSchema = z.object({
  body: z.string().max(1_000_000),
  body_html: z.string().max(2_000_000).optional(),
  message_type: z.enum(['reply', 'note']).default('reply'),
  time_spent: z.number().min(0).max(1000).optional().describe('hours'),
});

export const createTicketBody = z.object({
  subject: z.string().trim().min(1).max(500),
  department: departmentRef.optional(),
  priority: z.enum(PRIORITIES).optional(),
  status: z.enum(STATUSES).optional(),
  requester: z.union([z.string().uuid(), email, z.object({ email, name: z.string().max(200).optional() })]).optional(),
  assignee: z.string().uuid().nullable().optional(),
  category: z.string().max(60).nullable().optional(),
  tags: z.array(z.string().max(50)).max(50).optional(),
  recipients: z.array(email).max(50).optional(),
  messages: z.array(newMessageSchema).min(1).max(20),
}).meta({ id: 'CreateTicket' });

export const replyBody = newMessageSchema.extend({
  status: z.enum(STATUSES).optional(),
  send_at: z.string().max(64).optional()
    .describe('staff replies only: send no earlier than this ISO 8601 time with offset (in the future, at most 365 days ahead); the customer sees the reply only then'),
}).meta({ id: 'Reply' });

export const updateTicketBody = z.object({
  subject: z.string().trim().min(1).max(500).optional(),
  status: z.enum(STATUSES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  department: departmentRef.optional(),
  assignee: z.string().uuid().nullable().optional(),
  category: z.string().max(60).nullable().optional(),
  resolution: z.string().max(60).nullable().optional(),
  tags: z.array(z.string().max(50)).max(50).optional(),
  recipients: z.array(email).max(50).optional(),
}).meta({ id: 'UpdateTicket' });

export const ticketListQuery = z.object({
  status: csv(STATUSES).optional(),
  priority: csv(PRIORITIES).optional(),
  department: z.string().max(64).optional().describe('a department id or slug, or "mine": the departments you belong to'),
  assignee: z.string().max(64).optional().describe('a user id, "me" or "none"'),
  requester: z.string().max(254).optional().describe('a user id, an email address, or "me"'),
  organisation: z.string().uuid().optional(),
  tag: z.string().max(50).optional(),
  category: z.string().max(60).optional(),
  channel: z.string().max(20).optional().describe('where the ticket came from: web, api, email…'),
  created_after: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  created_before: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  updated_after: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  updated_before: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  search: z.string().max(200).optional(),
  ...ticketSlaFilters,
  sort: z.enum(TICKET_SORTS).default('-created_at'),
  ...listQuery,
});

/** The list's filters and sort without its paging: what a saved view keeps, and what a bulk action on a filter takes. */
export const ticketListFilters = ticketListQuery.omit({ cursor: true, limit: true });

export const attachmentSchema = z.object({
  id: z.string(), filename: z.string(), content_type: z.string(), size: z.number().int(),
  inline: z.boolean(), content_id: z.string().nullable(), url: z.string(),
}).meta({ id: 'Attachment' });

export const messageSchema = z.object({
  id: z.string(), message_type: z.enum(MESSAGE_TYPES), channel: z.string(),
  author: userSummarySchema.nullable(), body: z.string(), body_html: z.string().nullable(),
  quoted_text: z.string().nullable().describe('mail only: the full original, with the quoted history cut from body'),
  time_spent: z.number().nullable(), attachments: z.array(attachmentSchema), created_at: z.string(),
}).meta({ id: 'Message' });

export const ticketSchema = z.object({
  id: z.string(), number: z.string(), subject: z.string(),
  status: z.enum(STATUSES), priority: z.enum(PRIORITIES),
  department: z.object({ id: z.number().int(), name: z.string(), slug: z.string() }),
  requester: userSummarySchema.nullable(), assignee: userSummarySchema.nullable(),
  organisation: z.string().nullable(), category: z.string().nullable(), resolution: z.string().nullable(),
  tags: z.array(z.string()), recipients: z.array(z.string()), channel: z.string(),
  created_at: z.string(), updated_at: z.string(),
  first_response_at: z.string().nullable(), resolved_at: z.string().nullable(), closed_at: z.string().nullable(),
  ...ticketSlaFields,
}).meta({ id: 'Ticket' });

/** The mail that carries a message out (the newest outbox row): its state; `error` is for staff only (null for customers). */
export const deliverySchema = z.object({
  status: z.enum(['scheduled', 'queued', 'held', 'sent', 'failed', 'cancelled']), recipients: z.array(z.string()),
  sent_at: z.string().nullable(), error: z.string().nullable(),
  send_at: z.string().nullable().describe('when a scheduled reply goes out (staff only; null otherwise)'),
}).meta({ id: 'MessageDelivery' });
export const threadMessageSchema = messageSchema.extend({ delivery: deliverySchema.nullable() }).meta({ id: 'ThreadMessage' });

export const ticketWithThreadSchema = ticketSchema.extend({ messages: z.array(threadMessageSchema) }).meta({ id: 'TicketWithThread' });
