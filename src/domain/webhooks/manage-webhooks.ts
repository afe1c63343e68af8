/**
 * The commands on a tenant's webhooks (docs/webhooks.md): create (the secret is answered
 * once), change, turn off and on, delete, rotate the secret (the old one keeps signing
 * beside the new one for a day), and queue a manual redelivery. Every URL is checked by the
 * outbound guard at save: a URL that resolves to an internal address is refused with 422.
 */
import type { Updateable } from 'kysely';
import type { WebhooksTable } from '../../db/schema.ts';
import { checkOutboundUrl, OutboundRefusedError, outboundPolicy } from '../../net/outbound-guard.ts';
import { newWebhookSecret } from '../../net/webhook-signature.ts';
import { recordEvent } from '../events/record-event.ts';
import { newId, nowIso } from '../shared/clock.ts';
import { actorId, type Ctx } from '../shared/context.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { inTransaction } from '../shared/transaction.ts';
import type { WebhookEvent } from './webhook-events.ts';
import { authorizeWebhook } from './webhook.policy.ts';
import {
  cancelPendingDeliveries, deleteWebhookRow, findDelivery, findWebhook, insertDeliveries, insertWebhook, listDeliveries, listWebhooks, updateWebhookRow,
  type DeliveryRow, type WebhookRow,
} from './webhooks.repo.ts';

export type WebhookFormat = 'standard' | 'slack';
export interface WebhookInput { url: string; events: WebhookEvent[]; format?: WebhookFormat; description?: string | null }
export interface WebhookChanges { url?: string; events?: WebhookEvent[]; format?: WebhookFormat; description?: string | null; active?: boolean }

/** Most webhooks one tenant may have: each event is offered to each of them. */
export const MAX_WEBHOOKS = 25;
/** How long the secret before a rotation still signs (beside the new one). */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

async function checkedUrl(ctx: Ctx, url: string): Promise<string> {
  try {
    return (await checkOutboundUrl(url, ctx.outbound ?? outboundPolicy(undefined))).toString();
  } catch (err) {
    if (err instanceof OutboundRefusedError) throw ValidationError.field('url', err.message);
    throw err;
  }
}

async function loadWebhook(ctx: Ctx, id: string): Promise<WebhookRow> {
  const row = await findWebhook(ctx.db, ctx.tenantId, id);
  if (!row) throw new NotFoundError('No such webhook.');
  return row;
}

const uniqueEvents = (events: WebhookEvent[]): WebhookEvent[] => [...new Set(events)];

export async function createWebhook(ctx: Ctx, secrets: SecretBox, input: WebhookInput): Promise<{ row: WebhookRow; secret: string }> {
  authorizeWebhook(ctx.actor, 'create');
  const url = await checkedUrl(ctx, input.url);
  const secret = newWebhookSecret();
  const now = nowIso();
  const row = {
    tenant_id: ctx.tenantId, id: newId(), url, description: input.description ?? null, events: JSON.stringify(uniqueEvents(input.events)),
    format: input.format ?? 'standard', secret: secrets.seal(secret), previous_secret: null, previous_secret_until: null,
    is_active: true, disabled_reason: null, created_by: actorId(ctx.actor), created_at: now, updated_at: now,
  } satisfies WebhookRow;
  await inTransaction(ctx, async (tx) => {
    if ((await listWebhooks(tx.db, tx.tenantId)).length >= MAX_WEBHOOKS) throw ValidationError.field('url', `a tenant may have at most ${MAX_WEBHOOKS} webhooks`);
    await insertWebhook(tx.db, row);
    await recordEvent(tx, { name: 'webhook.created', subjectType: 'webhook', subjectId: row.id, payload: { url, events: JSON.parse(row.events), format: row.format } });
  });
  return { row, secret };
}

export async function updateWebhook(ctx: Ctx, id: string, changes: WebhookChanges): Promise<WebhookRow> {
  authorizeWebhook(ctx.actor, 'update');
  const url = changes.url === undefined ? undefined : await checkedUrl(ctx, changes.url);
  return inTransaction(ctx, async (tx) => {
    const before = await loadWebhook(tx, id);
    const now = nowIso();
    const set: Updateable<WebhooksTable> = { updated_at: now };
    const logged: Record<string, unknown> = {};
    if (url !== undefined && url !== before.url) { set.url = url; logged.url = url; }
    if (changes.events) { set.events = JSON.stringify(uniqueEvents(changes.events)); logged.events = JSON.parse(set.events); }
    if (changes.format && changes.format !== before.format) { set.format = changes.format; logged.format = changes.format; }
    if (changes.description !== undefined) { set.description = changes.description; logged.description = changes.description; }
    const wasActive = Boolean(before.is_active);
    if (changes.active !== undefined && changes.active !== wasActive) {
      set.is_active = changes.active;
      set.disabled_reason = changes.active ? null : 'turned off by an admin';
      logged.active = changes.active;
    }
    await updateWebhookRow(tx.db, tx.tenantId, id, set);
    if (changes.active === false && wasActive) {
      await cancelPendingDeliveries(tx.db, tx.tenantId, id, 'the webhook was turned off', now);
      await recordEvent(tx, { name: 'webhook.disabled', subjectType: 'webhook', subjectId: id, payload: { url: before.url, reason: 'turned off by an admin', automatic: false } });
    }
    if (Object.keys(logged).length) await recordEvent(tx, { name: 'webhook.updated', subjectType: 'webhook', subjectId: id, payload: { changes: logged } });
    return { ...before, ...set } as WebhookRow;
  });
}

export async function deleteWebhook(ctx: Ctx, id: string): Promise<void> {
  authorizeWebhook(ctx.actor, 'delete');
  await inTransaction(ctx, async (tx) => {
    const row = await loadWebhook(tx, id);
    await deleteWebhookRow(tx.db, tx.tenantId, id);
    await recordEvent(tx, { name: 'webhook.deleted', subjectType: 'webhook', subjectId: id, payload: { url: row.url } });
  });
}

/** A new secret; the one it replaces keeps signing beside it for ROTATION_OVERLAP_MS. */
export async function rotateWebhookSecret(ctx: Ctx, secrets: SecretBox, id: string): Promise<{ row: WebhookRow; secret: string }> {
  authorizeWebhook(ctx.actor, 'rotate');
  const secret = newWebhookSecret();
  return inTransaction(ctx, async (tx) => {
    const before = await loadWebhook(tx, id);
    const until = new Date(Date.now() + ROTATION_OVERLAP_MS).toISOString();
    const set = { secret: secrets.seal(secret), previous_secret: before.secret, previous_secret_until: until, updated_at: nowIso() };
    await updateWebhookRow(tx.db, tx.tenantId, id, set);
    await recordEvent(tx, { name: 'webhook.secret_rotated', subjectType: 'webhook', subjectId: id, payload: { previous_valid_until: until } });
    return { row: { ...before, ...set }, secret };
  });
}

/** Sends a message again (same webhook-id, same body), as a new entry of the log. */
export async function redeliverWebhookMessage(ctx: Ctx, deliveryId: string): Promise<DeliveryRow> {
  authorizeWebhook(ctx.actor, 'redeliver');
  return inTransaction(ctx, async (tx) => {
    const original = await findDelivery(tx.db, tx.tenantId, deliveryId);
    if (!original) throw new NotFoundError('No such delivery.');
    const webhook = await loadWebhook(tx, original.webhook_id);
    if (!webhook.is_active) throw ValidationError.field('webhook', 'the webhook is turned off: turn it on first');
    const now = nowIso();
    const row: DeliveryRow = {
      ...original, id: newId(), dedupe_key: null, status: 'pending', attempts: 0, next_attempt_at: now, claimed_by: null, lease_until: null,
      last_status_code: null, last_duration_ms: null, last_error: null, response_excerpt: null, created_at: now, finished_at: null,
    };
    await insertDeliveries(tx.db, [row]);
    return row;
  });
}

/** Answers the tenant's webhooks (admins). */
export async function readWebhooks(ctx: Ctx): Promise<WebhookRow[]> {
  authorizeWebhook(ctx.actor, 'read');
  return listWebhooks(ctx.db, ctx.tenantId);
}

/** Answers one webhook (admins). */
export async function readWebhook(ctx: Ctx, id: string): Promise<WebhookRow> {
  authorizeWebhook(ctx.actor, 'read');
  return loadWebhook(ctx, id);
}

/** A webhook's delivery log, newest first (admins). */
export async function readDeliveries(ctx: Ctx, webhookId: string, f: { beforeId?: string; status?: DeliveryRow['status']; limit: number }): Promise<DeliveryRow[]> {
  authorizeWebhook(ctx.actor, 'read');
  await loadWebhook(ctx, webhookId);
  return listDeliveries(ctx.db, ctx.tenantId, webhookId, f);
}
