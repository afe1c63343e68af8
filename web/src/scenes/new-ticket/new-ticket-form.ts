/**
 * The new-ticket form's rules, checked as the person types. The limits are the API's
 * (src/http/schemas/tickets.schema.ts); toCreateTicket is typed by the API's own body,
 * so the two cannot drift apart silently. Messages are English translation keys.
 */
import { z } from 'zod';
import { PRIORITIES } from '../../../../src/domain/tickets/ticket-values.ts';
import type { CreateTicket } from '../../api/types.ts';

export const newTicketForm = z.object({
  subject: z.string().trim().min(1, 'Enter a subject.').max(500, 'The subject is too long (at most 500 characters).'),
  department: z.string().min(1, 'Choose a department.'),
  priority: z.enum(PRIORITIES),
  /** One of the helpdesk's categories, or '' for none (the select shows only when it has some). */
  category: z.string().max(60),
  body: z.string().trim().min(1, 'Describe the problem.').max(1_000_000, 'The message is too long.'),
});
export type NewTicketForm = z.infer<typeof newTicketForm>;

/** The form's values as the body of POST /tickets/api/tickets/. */
export function toCreateTicket(values: NewTicketForm): CreateTicket {
  return {
    subject: values.subject, department: Number(values.department), priority: values.priority,
    ...(values.category && { category: values.category }),
    messages: [{ body: values.body, message_type: 'reply' }],
  };
}

/** The body as multipart fields take it: the first message's fields flat beside the ticket's (multipart-body.ts). */
export function multipartFields(body: CreateTicket): Record<string, unknown> {
  const [first] = body.messages;
  const { messages: _messages, ...ticket } = body;
  return first ? { ...ticket, body: first.body, message_type: first.message_type } : ticket;
}

/** What the form says when the server refuses a field (its own message is English, not a translation key). */
export const API_FIELD_MESSAGES: Record<keyof NewTicketForm, string> = {
  subject: 'Check the subject.', department: 'Choose a department from the list.', priority: 'Choose a priority from the list.',
  category: 'Choose a category from the list.', body: 'Check the message.',
};

/** Where the API names a field of its body, the form field that holds it. */
export const API_FIELDS: Record<string, keyof NewTicketForm> = {
  subject: 'subject', department: 'department', priority: 'priority', category: 'category', 'messages.0.body': 'body', messages: 'body',
};
