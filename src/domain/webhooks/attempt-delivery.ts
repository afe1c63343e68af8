/**
 * One attempt at a webhook message (the dispatcher calls it for a delivery it claimed):
 * the body made at the first attempt and kept, signed with the current secret (and the one
 * before a rotation, while it is honoured), posted through the outbound guard, and the
 * outcome written to the delivery log. A failure is tried again on the retry schedule;
 * after the last attempt the message is failed and the webhook turned off, and the
 * tenant's admins are told (`webhook.disabled` → in-app notice).
 */
import { webhookHeaders } from '../../net/webhook-signature.ts';
import { outboundPolicy } from '../../net/outbound-guard.ts';
import { postWebhook, type PostResult } from '../../webhooks/post-webhook.ts';
import { nextRetryDelay, RETRY_DELAYS_MS } from '../../webhooks/retry-schedule.ts';
import { recordEvent } from '../events/record-event.ts';
import { newId, nowIso } from '../shared/clock.ts';
import { systemCtx, type Ctx, type Services } from '../shared/context.ts';
import { NotFoundError } from '../shared/errors.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { inTransaction } from '../shared/transaction.ts';
import { webhookBody } from './webhook-body.ts';
import { TEST_EVENT } from './webhook-events.ts';
import { authorizeWebhook } from './webhook.policy.ts';
import {
  cancelPendingDeliveries, findDelivery, findWebhook, insertDeliveries, updateDelivery, updateWebhookRow, type DeliveryRow, type WebhookRow,
} from './webhooks.repo.ts';

export interface AttemptOptions {
  secrets: SecretBox;
  baseUrl: string;
  timeoutMs: number;
  /** The retry delays (tests shorten them). */
  retryDelays?: readonly number[];
}

export type AttemptOutcome = { kind: 'delivered' | 'retry' | 'failed' | 'cancelled' | 'gone'; result?: PostResult };

/** The secrets that sign now: the current one, and the previous one until its overlap ends. */
export function signingSecrets(webhook: WebhookRow, secrets: SecretBox, now = Date.now()): string[] {
  const list = [secrets.open(webhook.secret)];
  if (webhook.previous_secret && webhook.previous_secret_until && Date.parse(webhook.previous_secret_until) > now) list.push(secrets.open(webhook.previous_secret));
  return list;
}

/** Makes (once) and signs the message, and posts it. */
export async function postDelivery(services: Services, webhook: WebhookRow, delivery: DeliveryRow, o: AttemptOptions): Promise<{ body: string; result: PostResult }> {
  const body = delivery.body ?? await webhookBody(services, webhook, delivery, o.baseUrl);
  if (delivery.body === null) await updateDelivery(services.db, delivery.tenant_id, delivery.id, { body });
  const headers = webhookHeaders(signingSecrets(webhook, o.secrets), delivery.message_id, Math.floor(Date.now() / 1000), body);
  const result = await postWebhook(webhook.url, headers, body, services.outbound ?? outboundPolicy(undefined), o.timeoutMs);
  return { body, result };
}

export async function attemptDelivery(services: Services, tenantId: string, deliveryId: string, o: AttemptOptions): Promise<AttemptOutcome> {
  const delivery = await findDelivery(services.db, tenantId, deliveryId);
  if (!delivery || delivery.status !== 'pending') return { kind: 'gone' };
  const webhook = await findWebhook(services.db, tenantId, delivery.webhook_id);
  if (!webhook || !webhook.is_active) {
    await updateDelivery(services.db, tenantId, deliveryId, { status: 'cancelled', last_error: 'the webhook was turned off or deleted', finished_at: nowIso(), claimed_by: null, lease_until: null });
    return { kind: 'cancelled' };
  }
  const { result } = await postDelivery(services, webhook, delivery, o);
  const attempts = delivery.attempts + 1;
  const log = { attempts, last_status_code: result.status, last_duration_ms: result.durationMs, last_error: result.error, response_excerpt: result.excerpt, claimed_by: null, lease_until: null };
  if (result.ok) {
    await updateDelivery(services.db, tenantId, deliveryId, { ...log, status: 'delivered', finished_at: nowIso() });
    return { kind: 'delivered', result };
  }
  const delay = nextRetryDelay(attempts, o.retryDelays ?? RETRY_DELAYS_MS);
  if (delay !== null) {
    await updateDelivery(services.db, tenantId, deliveryId, { ...log, next_attempt_at: new Date(Date.now() + delay).toISOString() });
    return { kind: 'retry', result };
  }
  await updateDelivery(services.db, tenantId, deliveryId, { ...log, status: 'failed', finished_at: nowIso() });
  await disableFailingWebhook(services, webhook, `${attempts} attempts over a day failed; the last: ${result.error ?? 'no answer'}`);
  return { kind: 'failed', result };
}

/** Turns a webhook off after its messages kept failing; what it still had to send is cancelled. */
export async function disableFailingWebhook(services: Services, webhook: WebhookRow, reason: string): Promise<void> {
  const ctx = systemCtx(services, webhook.tenant_id, 'jobs');
  authorizeWebhook(ctx.actor, 'disable');
  await inTransaction(ctx, async (tx) => {
    const now = nowIso();
    const current = await findWebhook(tx.db, tx.tenantId, webhook.id);
    if (!current?.is_active) return;
    await updateWebhookRow(tx.db, tx.tenantId, webhook.id, { is_active: false, disabled_reason: reason, updated_at: now });
    await cancelPendingDeliveries(tx.db, tx.tenantId, webhook.id, 'the webhook was turned off after failing', now);
    await recordEvent(tx, { name: 'webhook.disabled', subjectType: 'webhook', subjectId: webhook.id, payload: { url: webhook.url, reason, automatic: true } });
  });
}

/**
 * "Send a test event": a `webhook.test` message sent now, while the admin waits, with the
 * outcome answered and kept in the log. Not retried: the admin sees the answer and fixes
 * the receiver. Works on a webhook that is turned off too (to check it before turning it on).
 */
export async function sendTestEvent(ctx: Ctx, webhookId: string, o: AttemptOptions): Promise<{ delivery: DeliveryRow; result: PostResult }> {
  authorizeWebhook(ctx.actor, 'test');
  const webhook = await findWebhook(ctx.db, ctx.tenantId, webhookId);
  if (!webhook) throw new NotFoundError('No such webhook.');
  const now = nowIso();
  const id = newId();
  const delivery: DeliveryRow = {
    tenant_id: ctx.tenantId, id, webhook_id: webhookId, message_id: `msg_${id.replaceAll('-', '')}`, event_id: null, event_name: TEST_EVENT,
    dedupe_key: null, body: null, status: 'pending', attempts: 0, next_attempt_at: now, claimed_by: 'test', lease_until: new Date(Date.now() + 5 * 60_000).toISOString(),
    last_status_code: null, last_duration_ms: null, last_error: null, response_excerpt: null, created_at: now, finished_at: null,
  };
  await insertDeliveries(ctx.db, [delivery]);
  const { body, result } = await postDelivery(ctx, webhook, delivery, o);
  const done: Partial<DeliveryRow> = {
    body, attempts: 1, status: result.ok ? 'delivered' : 'failed', finished_at: nowIso(), claimed_by: null, lease_until: null,
    last_status_code: result.status, last_duration_ms: result.durationMs, last_error: result.error, response_excerpt: result.excerpt,
  };
  await updateDelivery(ctx.db, ctx.tenantId, id, done);
  return { delivery: { ...delivery, ...done }, result };
}
