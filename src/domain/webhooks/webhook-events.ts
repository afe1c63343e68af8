/**
 * The events a webhook may subscribe to (docs/webhooks.md): the catalog's events about
 * tickets and their conversation, plus `ticket.resolved` (a status change to resolved,
 * named for what integrations usually want). What a recorded event becomes for webhooks
 * is `webhookTypesOf`: a scheduled reply is not news until it is published.
 */
import type { EventName, EventPayload } from '../events/catalog.ts';

export const WEBHOOK_EVENTS = [
  'ticket.created', 'ticket.resolved', 'ticket.status_changed', 'ticket.priority_changed', 'ticket.assigned',
  'ticket.department_changed', 'ticket.subject_changed', 'ticket.category_changed', 'ticket.resolution_changed',
  'ticket.tags_changed', 'ticket.recipients_changed', 'message.created', 'message.published', 'note.created', 'message.delivery_failed',
  'ticket.sla_warning', 'ticket.sla_breached', 'ticket.inactivity_reminder', 'ticket.closed_inactive',
  'ticket.resolution_confirmed', 'ticket.satisfaction_rated',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Sent by "send a test event" only; not subscribable. */
export const TEST_EVENT = 'webhook.test';

const direct = new Set<string>(WEBHOOK_EVENTS);

/** The webhook event types a recorded event is delivered as (none for most events). */
export function webhookTypesOf(name: EventName, payload: unknown): WebhookEvent[] {
  if (!direct.has(name)) return [];
  if (name === 'message.created' && (payload as EventPayload<'message.created'>).scheduled) return [];
  if (name === 'ticket.status_changed' && (payload as EventPayload<'ticket.status_changed'>).new === 'resolved') return ['ticket.status_changed', 'ticket.resolved'];
  return [name as WebhookEvent];
}
