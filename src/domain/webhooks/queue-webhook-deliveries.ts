/**
 * The outbox side of webhooks: when an event is recorded, one delivery per active webhook
 * of the tenant that subscribed to what the event is (webhookTypesOf), written in the same
 * transaction as the event, so a committed event is always delivered and a rolled-back one
 * never is. The body is made at the first attempt (after commit, outside this transaction).
 */
import type { EventName } from '../events/catalog.ts';
import { newId, nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { afterCommit } from '../shared/transaction.ts';
import { webhookTypesOf } from './webhook-events.ts';
import { insertDeliveries, listActiveWebhooks } from './webhooks.repo.ts';

/** Queues the deliveries of recorded events; answers how many (0 for most events: at most one indexed read). */
export async function queueWebhookDeliveries(ctx: Ctx, events: ReadonlyArray<{ id: number; name: EventName; payload: unknown }>): Promise<number> {
  const typed = events.map((event) => ({ event, types: webhookTypesOf(event.name, event.payload) })).filter((e) => e.types.length > 0);
  if (typed.length === 0) return 0;
  const webhooks = await listActiveWebhooks(ctx.db, ctx.tenantId);
  if (webhooks.length === 0) return 0;
  const now = nowIso();
  const rows = [];
  for (const webhook of webhooks) {
    const subscribed = new Set(JSON.parse(webhook.events) as string[]);
    for (const { event, types } of typed) for (const type of types) {
      if (!subscribed.has(type)) continue;
      const id = newId();
      rows.push({
        tenant_id: ctx.tenantId, id, webhook_id: webhook.id, message_id: `msg_${id.replaceAll('-', '')}`, event_id: event.id, event_name: type,
        dedupe_key: `${webhook.id}:${event.id}:${type}`, body: null, status: 'pending' as const, attempts: 0, next_attempt_at: now,
        claimed_by: null, lease_until: null, last_status_code: null, last_duration_ms: null, last_error: null, response_excerpt: null, created_at: now, finished_at: null,
      });
    }
  }
  for (let at = 0; at < rows.length; at += 500) await insertDeliveries(ctx.db, rows.slice(at, at + 500));
  // One wake per commit, however many events of the transaction queued deliveries.
  if (rows.length && ctx.onWebhooksQueued && !ctx.afterCommit?.includes(ctx.onWebhooksQueued)) afterCommit(ctx, ctx.onWebhooksQueued);
  return rows.length;
}
