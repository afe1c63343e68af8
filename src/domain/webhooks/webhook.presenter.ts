/** Webhooks and their delivery log as the API shows them; a secret is never shown except when it is made. */
import type { DeliveryRow, WebhookRow } from './webhooks.repo.ts';

export function presentWebhook(w: WebhookRow) {
  return {
    id: w.id,
    url: w.url,
    description: w.description,
    events: JSON.parse(w.events) as string[],
    format: w.format,
    active: Boolean(w.is_active),
    disabled_reason: w.disabled_reason,
    previous_secret_valid_until: w.previous_secret && w.previous_secret_until && Date.parse(w.previous_secret_until) > Date.now() ? w.previous_secret_until : null,
    created_at: w.created_at,
    updated_at: w.updated_at,
  };
}

export function presentDelivery(d: DeliveryRow) {
  return {
    id: d.id,
    message_id: d.message_id,
    event: d.event_name,
    event_id: d.event_id,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.status === 'pending' ? d.next_attempt_at : null,
    status_code: d.last_status_code,
    duration_ms: d.last_duration_ms,
    error: d.last_error,
    response_excerpt: d.response_excerpt,
    created_at: d.created_at,
    finished_at: d.finished_at,
  };
}
