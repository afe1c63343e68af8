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
const inboundRetried = z.object({ previous_status: z.string(), previous_reason: z.string().nullable(), subject: z.string().nullable(), from: z.string().nullable() });

export const eventCatalog = {
  // Tickets and their conversation.
  'ticket.created': z.object({
    number: z.string(), subject: z.string(), status: z.string(), priority: z.string(), department_id: z.number(),
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
  /**
   * SLA (docs/sla.md): a target's clock passed the policy's near-breach mark, or its due
   * time. Each is recorded once per ticket, target and due time (a recomputed due time
   * may warn again). `target` is first_response or resolution.
   */
  'ticket.sla_warning': z.object({ number: z.string(), target: z.enum(['first_response', 'resolution']), due_at: z.string(), fraction: z.number() }),
  'ticket.sla_breached': z.object({ number: z.string(), target: z.enum(['first_response', 'resolution']), due_at: z.string() }),
  /**
   * Inactivity (seed 002, docs/automation.md): the reminder before an inactive ticket is
   * closed (trigger CLOSE_TICKET_REMINDER), and its closing (trigger CLOSE_TICKET; the status
   * change is also recorded as ticket.status_changed). Once per period of inactivity.
   */
  'ticket.inactivity_reminder': z.object({ number: z.string(), status: z.string(), last_activity_at: z.string(), close_at: z.string() }),
  'ticket.closed_inactive': z.object({ number: z.string(), previous_status: z.string(), last_activity_at: z.string() }),
  /**
   * Resolution and satisfaction (docs/satisfaction.md): the requester confirmed a resolution
   * (the ticket closes; the status change is also recorded as ticket.status_changed), from
   * the mail's link, the portal, or a reply that confirms; and a resolution was rated.
   * A reopen is ticket.status_changed from resolved.
   */
  'ticket.resolution_confirmed': z.object({ number: z.string(), resolved_at: z.string(), via: z.enum(['link', 'portal', 'mail', 'api']) }),
  'ticket.satisfaction_rated': z.object({
    number: z.string(), rating_id: id, scale: z.enum(['five', 'binary']), rating: z.number(), positive: z.boolean(),
    agent_id: nullableId, department_id: z.number(), source: z.enum(['mail', 'portal', 'api']), has_comment: z.boolean(),
  }),
  /** A reply (public) added to a ticket's thread, by anyone, from any channel; `opening`: the message that opened the ticket. */
  'message.created': z.object({ message_id: id, channel: z.string(), author_id: nullableId, attachments: z.number(), scheduled: z.literal(true).optional(), opening: z.literal(true).optional() }),
  /** A scheduled reply reached its send time: from now on the customer sees it (its message.created was for staff only). */
  'message.published': z.object({ message_id: id, author_id: nullableId }),
  /** An internal note (staff only) added to a ticket's thread. */
  'note.created': z.object({ message_id: id, channel: z.string(), author_id: nullableId, attachments: z.number() }),
  /** An outgoing mail of a message could not be delivered (a refusal, a bounce, out of retries). */
  'message.delivery_failed': z.object({ message_id: id, recipient: z.string(), reason: z.string() }),

  /** An in-app notification for one person (subject: that user); only they see it on the stream (docs/notifications.md). ticket_id null: not about a ticket. */
  'notification.created': z.object({ notification_id: id, kind: z.string(), ticket_id: nullableId }),

  /** A scheduled reply that will not go out: cancelled by a person, or because the customer wrote first (its author is told). */
  'message.schedule_cancelled': z.object({ message_id: id, author_id: id, send_at: z.string(), reason: z.string(), outbound_id: nullableId }),

  // The outbox: what people did to outgoing mail (the audit log; who did it is the event's actor).
  'outbound_mail.retried': z.object({ ticket_id: nullableId, message_id: nullableId, kind: z.string(), previous_status: z.string() }),
  'outbound_mail.released': z.object({ ticket_id: nullableId, message_id: nullableId, kind: z.string(), previous_status: z.string() }),
  'outbound_mail.cancelled': z.object({ ticket_id: nullableId, message_id: nullableId, kind: z.string(), previous_status: z.string() }),
  'outbound_mail.rescheduled': z.object({ ticket_id: nullableId, message_id: nullableId, kind: z.string(), old_send_at: z.string(), new_send_at: z.string() }),

  // People and access.
  'user.created': z.object({ email: z.string(), role: z.string() }),
  'user.updated': z.object({ changes: anyChanges }),
  'user.password_changed': z.object({}),
  'user.password_reset_requested': z.object({}),
  'auth.refresh_token_reused': z.object({ family: z.string() }),
  'api_token.created': z.object({ name: z.string(), scopes: z.array(z.string()), user_id: id }),
  'api_token.revoked': z.object({}),
  /** On an update, only the fields given are present. */
  'organisation.created': z.object({ name: z.string().optional(), domains: z.array(z.string()).optional() }),
  'organisation.updated': z.object({ name: z.string().optional(), domains: z.array(z.string()).optional() }),

  // Configuration.
  'department.created': z.object({ name: z.string(), slug: z.string() }),
  'department.updated': z.object({ changes: anyChanges }),
  /** Written by migration 004 only: a queue address another tenant's department kept. */
  'department.address_released': z.object({ address: z.string(), reason: z.string() }),
  'settings.updated': z.object({ changes: anyChanges }),
  /** An admin saved the tenant's own version of a notification template (subject: `<key>.<language>`). */
  'mail_template.saved': z.object({ key: z.string(), language: z.string(), subject: z.string(), text_derived: z.boolean() }),
  /** An admin went back to the built-in template. */
  'mail_template.reset': z.object({ key: z.string(), language: z.string() }),
  'tag.deleted': z.object({ name: z.string() }),
  /** Webhooks (docs/webhooks.md): subject is the webhook; the URL is logged, never the secret. */
  'webhook.created': z.object({ url: z.string(), events: z.array(z.string()), format: z.string() }),
  'webhook.updated': z.object({ changes: anyChanges }),
  'webhook.deleted': z.object({ url: z.string() }),
  /** SLA policies (docs/sla.md): created or changed (the whole policy as saved), deleted. */
  'sla_policy.saved': z.object({ name: z.string(), scope_key: z.string(), created: z.boolean() }),
  'sla_policy.deleted': z.object({ name: z.string(), scope_key: z.string() }),
  'webhook.secret_rotated': z.object({ previous_valid_until: z.string() }),
  /** Turned off: by an admin (`reason` says so) or by Parley after a day of failed deliveries; admins are told. */
  'webhook.disabled': z.object({ url: z.string(), reason: z.string(), automatic: z.boolean() }),
  /** A shared canned reply was created or changed (a person's own ones are not logged). */
  'canned_reply.saved': z.object({ name: z.string(), department_id: z.number().nullable(), created: z.boolean() }),
  'canned_reply.deleted': z.object({ name: z.string() }),
  /** Ferndesk endpoint (docs/ferndesk.md): subject is the tenant; the token is never logged. Rotated: a new URL replaced a live one. */
  'ferndesk.enabled': z.object({ role_name: z.string() }),
  'ferndesk.rotated': z.object({}),
  'ferndesk.updated': z.object({ changes: anyChanges }),
  'ferndesk.disabled': z.object({}),
  /** Automation (docs/automation.md): an admin created or changed a trigger (subject: the trigger), or deleted one. */
  'trigger.saved': z.object({ name: z.string(), type: z.string(), active: z.boolean(), actions: z.array(z.string()), created: z.boolean() }),
  'trigger.deleted': z.object({ name: z.string(), type: z.string() }),

  // Mailboxes and received mail.
  'mailbox.created': z.object({ name: z.string(), kind: z.string() }),
  /** `changes` names the fields an admin set (never their values: some are secrets). */
  'mailbox.updated': z.object({ name: z.string(), changes: z.array(z.string()) }),
  'mailbox.deleted': z.object({ name: z.string(), kind: z.string() }),
  /** An admin's "scan now". */
  'mailbox.scanned': z.object({
    name: z.string(), status: z.string(), detail: z.string().nullable(),
    counts: z.object({ fetched: z.number(), stored: z.number(), duplicates: z.number(), errors: z.number() }),
  }),
  'mailbox.connected': z.object({ name: z.string(), provider: z.string(), previous_state: z.string() }),
  /** How a tenant (department_id null) or a department sends mail was set; `fields` names what was given, never a value. */
  'outgoing_mail.updated': z.object({ department_id: z.number().nullable(), kind: z.string(), fields: z.array(z.string()) }),
  'outgoing_mail.removed': z.object({ department_id: z.number().nullable() }),
  /** The tenant's DKIM key was set (domain and selector) or removed (both null). */
  'outgoing_mail.dkim_changed': z.object({ domain: z.string().nullable(), selector: z.string().nullable() }),
  /** Mail waits in the outbox: no transport is configured for it. Recorded once per episode. */
  'outgoing_mail.no_transport': z.object({ queued: z.number(), reason: z.string() }),
  'mailbox.needs_reauth': z.object({ name: z.string(), provider: z.string().nullable(), reason: z.string() }),
  'inbound.reprocessed': inboundRetried,
  /** An admin accepted a message the pipeline had set aside as automatic mail or a bounce. */
  'inbound.accepted': inboundRetried,
  'inbound.discarded': z.object({ subject: z.string().nullable(), reason: z.string().nullable() }),

  // Operations.
  'job.retried': z.object({ name: z.string(), attempts: z.number() }),
  /** Written by the worker once the database takes writes again (jobs/storage-full-notice.ts). */
  'system.storage_full': z.object({ since: z.string(), until: z.string(), error: z.string() }),
} as const;

export type EventName = keyof typeof eventCatalog;
export type EventPayload<N extends EventName> = z.infer<(typeof eventCatalog)[N]>;

/** Whether a stored name is one of the catalog (the log also holds names of older versions). */
export const isEventName = (name: string): name is EventName => Object.hasOwn(eventCatalog, name);
