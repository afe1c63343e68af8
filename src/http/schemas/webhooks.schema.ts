/** The webhooks API's shapes (docs/webhooks.md); the web app types itself from them. */
import { z } from 'zod';
import { WEBHOOK_EVENTS } from '../../domain/webhooks/webhook-events.ts';
import { listQuery } from './common.schema.ts';

const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'choose at least one event').max(WEBHOOK_EVENTS.length);
const format = z.enum(['standard', 'slack']).describe('standard: Standard Webhooks JSON; slack: an incoming-webhook message');
const url = z.string().trim().max(2000).describe('http(s); internal addresses are refused unless PARLEY_OUTBOUND_ALLOW allows them');

export const webhookSchema = z.object({
  id: z.string(), url: z.string(), description: z.string().nullable(), events: z.array(z.string()), format,
  active: z.boolean(), disabled_reason: z.string().nullable().describe('why it is off: an admin, or a day of failed deliveries'),
  previous_secret_valid_until: z.string().nullable().describe('after a rotation: until when the old secret still signs too'),
  created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'Webhook' });
export const webhookWithSecretSchema = webhookSchema.extend({ secret: z.string().describe('whsec_…: shown only in this answer') }).meta({ id: 'WebhookWithSecret' });
export const deliverySchema = z.object({
  id: z.string(), message_id: z.string().describe('the webhook-id header: the same for every attempt and redelivery'),
  event: z.string(), event_id: z.number().nullable(), status: z.enum(['pending', 'delivered', 'failed', 'cancelled']),
  attempts: z.number(), next_attempt_at: z.string().nullable(), status_code: z.number().nullable(), duration_ms: z.number().nullable(),
  error: z.string().nullable(), response_excerpt: z.string().nullable().describe('the first KB of the last answer'),
  created_at: z.string(), finished_at: z.string().nullable(),
}).meta({ id: 'WebhookDelivery' });

export const createWebhookBody = z.object({ url, events, format: format.optional(), description: z.string().trim().max(500).nullable().optional() }).meta({ id: 'CreateWebhook' });
export const updateWebhookBody = z.object({
  url: url.optional(), events: events.optional(), format: format.optional(), description: z.string().trim().max(500).nullable().optional(),
  active: z.boolean().optional().describe('false turns it off (pending messages are cancelled); true turns it on again'),
}).meta({ id: 'UpdateWebhook' });
export const deliveriesQuery = z.object({ ...listQuery, status: z.enum(['pending', 'delivered', 'failed', 'cancelled']).optional() });

export const webhookTestResultSchema = z.object({ ok: z.boolean(), delivery: deliverySchema }).meta({ id: 'WebhookTestResult' });
