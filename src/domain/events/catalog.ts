/**
 * Every domain event, by its past-tense name, with the shape of its payload. An event is
 * also the audit log entry; consumers (tasks, the live stream, webhooks) subscribe by
 * name in jobs/subscriptions.ts. A change to a ticket is named for what happened
 * (`ticket.assigned`), never a generic "updated".
 */
import { z } from 'zod';

const change = <T extends z.ZodType>(value: T) => z.object({ number: z.string(), old: value, new: value });
const id = z.string();
const nullableId = z.string().nullable();
const anyChanges = z.record(z.string(), z.unknown());

export const eventCatalog = {
  // Tickets and their conversation.
  'ticket.created': z.object({
    number: z.string(), subject: z.string().optional(), status: z.string(), priority: z.string(), department_id: z.number(),
    requester_id: id, assignee_id: nullableId, channel: z.string(),
  }),
  'ticket.status_changed': change(z.string()),
  'ticket.priority_changed': change(z.string()),
  'ticket.assigned': change(nullableId),
  'ticket.department_changed': change(z.number()),
  'ticket.subject_changed': change(z.string()),
  'ticket.category_changed': change(z.string().nullable()),
  'ticket.resolution_changed': change(z.string().nullable()),
  'ticket.tags_changed': change(z.array(z.string())),
  'ticket.recipients_changed': change(z.array(z.string())),
  /** A reply (public) added to a ticket's thread, by anyone, from any channel. */
  'message.created': z.object({ message_id: id, channel: z.string(), author_id: nullableId, attachments: z.number() }),
  /** An internal note (staff only) added to a ticket's thread. */
  'note.created': z.object({ message_id: id, channel: z.string(), author_id: nullableId, attachments: z.number() }),
  /** An outgoing mail of a message could not be delivered (a refusal, a bounce, out of retries). */
  'message.delivery_failed': z.object({ message_id: id, recipient: z.string(), reason: z.string() }),

  // People and access.
  'user.created': z.object({ email: z.string(), role: z.string() }),
  'user.updated': z.object({ changes: anyChanges }),
  'user.password_changed': z.object({}),
  'user.password_reset_requested': z.object({}),
  'auth.refresh_token_reused': z.object({ family: z.string() }),
  'api_token.created': z.object({ name: z.string(), scopes: z.array(z.string()), user_id: id }),
  'api_token.revoked': z.object({}),
  'organisation.created': z.object({}).passthrough(),
  'organisation.updated': z.object({}).passthrough(),

  // Configuration.
  'department.created': z.object({ name: z.string(), slug: z.string() }),
  'department.updated': z.object({ changes: anyChanges }),
  'department.address_released': z.object({}).passthrough(),
  'settings.updated': z.object({ changes: anyChanges }),
  'tag.deleted': z.object({}).passthrough(),

  // Mailboxes and received mail.
  'mailbox.created': z.object({ name: z.string(), kind: z.string() }),
  'mailbox.updated': z.object({}).passthrough(),
  'mailbox.deleted': z.object({ name: z.string(), kind: z.string() }),
  'mailbox.scanned': z.object({}).passthrough(),
  'mailbox.connected': z.object({}).passthrough(),
  'mailbox.needs_reauth': z.object({}).passthrough(),
  'inbound.reprocessed': z.object({}).passthrough(),
  'inbound.accepted': z.object({}).passthrough(),
  'inbound.discarded': z.object({}).passthrough(),

  // Operations.
  'job.retried': z.object({ name: z.string(), attempts: z.number() }),
  'system.storage_full': z.object({}).passthrough(),
} as const;

export type EventName = keyof typeof eventCatalog;
export type EventPayload<N extends EventName> = z.infer<(typeof eventCatalog)[N]>;

/** Whether a stored name is one of the catalog (the log also holds names of older versions). */
export const isEventName = (name: string): name is EventName => Object.hasOwn(eventCatalog, name);
