import type { Db } from '../../db/client.ts';

export interface StoredResponse { requestHash: string; statusCode: number | null; body: string | null }

/** Claims a key; false when it was claimed already (then read it with findIdempotencyKey). */
export async function claimIdempotencyKey(db: Db, tenantId: string, actorKey: string, key: string, requestHash: string): Promise<boolean> {
  const r = await db.insertInto('idempotency_keys')
    .values({ tenant_id: tenantId, actor_key: actorKey, key, request_hash: requestHash, status_code: null, response_body: null, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['tenant_id', 'actor_key', 'key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findIdempotencyKey(db: Db, tenantId: string, actorKey: string, key: string): Promise<StoredResponse | undefined> {
  const row = await db.selectFrom('idempotency_keys').select(['request_hash', 'status_code', 'response_body'])
    .where('tenant_id', '=', tenantId).where('actor_key', '=', actorKey).where('key', '=', key).executeTakeFirst();
  return row && { requestHash: row.request_hash, statusCode: row.status_code, body: row.response_body };
}

export async function saveIdempotentResponse(db: Db, tenantId: string, actorKey: string, key: string, statusCode: number, body: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ status_code: statusCode, response_body: body })
    .where('tenant_id', '=', tenantId).where('actor_key', '=', actorKey).where('key', '=', key).execute();
}

export async function releaseIdempotencyKey(db: Db, tenantId: string, actorKey: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('tenant_id', '=', tenantId).where('actor_key', '=', actorKey).where('key', '=', key).execute();
}

export async function deleteOldIdempotencyKeys(db: Db, before: string): Promise<number> {
  const r = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
