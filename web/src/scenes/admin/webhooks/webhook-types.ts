/** The webhooks API's shapes, from the server's schemas (type-only), and the words for its events. */
import type { z } from 'zod';
import type { deliverySchema, webhookSchema, webhookTestResultSchema, webhookWithSecretSchema } from '../../../../../src/http/schemas/webhooks.schema.ts';
import type { WebhookEvent } from '../../../../../src/domain/webhooks/webhook-events.ts';

export type Webhook = z.output<typeof webhookSchema>;
export type WebhookWithSecret = z.output<typeof webhookWithSecretSchema>;
export type WebhookDelivery = z.output<typeof deliverySchema>;
export type WebhookTestResult = z.output<typeof webhookTestResultSchema>;

/** Every event a webhook may subscribe to, in the order offered, with its words (English keys). */
export const EVENT_LABELS: Record<WebhookEvent, string> = {
  'ticket.created': 'A ticket is created',
  'ticket.resolved': 'A ticket is resolved',
  'ticket.status_changed': 'Its status changes',
  'ticket.priority_changed': 'Its priority changes',
  'ticket.assigned': 'It is assigned',
  'ticket.department_changed': 'It moves to another department',
  'ticket.subject_changed': 'Its subject changes',
  'ticket.category_changed': 'Its category changes',
  'ticket.resolution_changed': 'Its resolution changes',
  'ticket.tags_changed': 'Its tags change',
  'ticket.recipients_changed': 'Its recipients change',
  'message.created': 'A reply is added',
  'message.published': 'A scheduled reply goes out',
  'note.created': 'An internal note is added',
  'message.delivery_failed': 'A reply could not be delivered',
  'ticket.sla_warning': 'An SLA target is about to be missed',
  'ticket.sla_breached': 'An SLA target is missed',
  'ticket.inactivity_reminder': 'An inactive ticket is about to be closed',
  'ticket.closed_inactive': 'An inactive ticket is closed',
  'ticket.resolution_confirmed': 'The requester confirms a resolution',
  'ticket.satisfaction_rated': 'The requester rates a resolution',
};

export const FORMAT_LABELS: Record<Webhook['format'], string> = {
  standard: 'Standard Webhooks (JSON, signed)',
  slack: 'Slack message (also Mattermost, Rocket.Chat)',
};

export const DELIVERY_STATUS_LABELS: Record<WebhookDelivery['status'], string> = {
  pending: 'Waiting to be sent',
  delivered: 'Delivered',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const webhooksKey = ['admin', 'webhooks'] as const;
