/** The webhooks table and its outbox (migration 019). Tenant first on every call, except the dispatcher's claim. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { WebhookDeliveriesTable, WebhooksTable } from '../../db/schema.ts';

export type WebhookRow = Selectable<WebhooksTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

export async function insertWebhook(db: Db, row: Insertable<WebhooksTable>): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

export async function findWebhook(db: Db, tenantId: string, id: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function listWebhooks(db: Db, tenantId: string): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
}

/** The active webhooks of a tenant (few per tenant: filtered by event in code). */
export async function listActiveWebhooks(db: Db, tenantId: string): Promise<Array<Pick<WebhookRow, 'id' | 'events'>>> {
  return db.selectFrom('webhooks').select(['id', 'events']).where('tenant_id', '=', tenantId).where('is_active', '=', true).execute();
}

export async function updateWebhookRow(db: Db, tenantId: string, id: string, changes: Updateable<WebhooksTable>): Promise<void> {
  await db.updateTable('webhooks').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function deleteWebhookRow(db: Db, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('webhook_deliveries').where('tenant_id', '=', tenantId).where('webhook_id', '=', id).execute();
  await db.deleteFrom('webhooks').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Queues deliveries; a (webhook, event) pair already queued is left as it is. */
export async function insertDeliveries(db: Db, rows: Array<Insertable<WebhookDeliveriesTable>>): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('webhook_deliveries').values(rows).onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).doNothing()).execute();
}

export async function findDelivery(db: Db, tenantId: string, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** A webhook's log, newest first, a page after `beforeId`. */
export async function listDeliveries(db: Db, tenantId: string, webhookId: string, f: { beforeId?: string; status?: DeliveryRow['status']; limit: number }): Promise<DeliveryRow[]> {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('tenant_id', '=', tenantId).where('webhook_id', '=', webhookId);
  if (f.beforeId) q = q.where('id', '<', f.beforeId);
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

export async function updateDelivery(db: Db, tenantId: string, id: string, changes: Updateable<WebhookDeliveriesTable>): Promise<void> {
  await db.updateTable('webhook_deliveries').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Cancels what a webhook still had to send (it was turned off or deleted). */
export async function cancelPendingDeliveries(db: Db, tenantId: string, webhookId: string, reason: string, at: string): Promise<number> {
  const result = await db.updateTable('webhook_deliveries')
    .set({ status: 'cancelled', last_error: reason, finished_at: at, claimed_by: null, lease_until: null })
    .where('tenant_id', '=', tenantId).where('webhook_id', '=', webhookId).where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Due pending deliveries nobody holds, oldest first, across tenants: the dispatcher's candidates. */
export async function listDueDeliveries(db: Db, now: string, limit: number): Promise<Array<Pick<DeliveryRow, 'tenant_id' | 'id' | 'webhook_id'>>> {
  return db.selectFrom('webhook_deliveries').select(['tenant_id', 'id', 'webhook_id'])
    .where('status', '=', 'pending').where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_attempt_at').limit(limit).execute();
}

/** Takes a delivery for one attempt, unless another dispatcher holds it; true when taken. */
export async function claimDelivery(db: Db, tenantId: string, id: string, by: string, now: string, leaseUntil: string): Promise<boolean> {
  const result = await db.updateTable('webhook_deliveries').set({ claimed_by: by, lease_until: leaseUntil })
    .where('tenant_id', '=', tenantId).where('id', '=', id).where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
