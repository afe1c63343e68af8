import type { Db } from '../../db/client.ts';

/** Deletes a received message's raw bytes (a discarded message keeps only its summary row). */
export async function deleteInboundRaw(db: Db, tenantId: string, inboundId: string): Promise<void> {
  await db.deleteFrom('inbound_raw').where('tenant_id', '=', tenantId).where('inbound_id', '=', inboundId).execute();
}

/** Whether the raw bytes are still kept, without reading them. */
export async function inboundRawExists(db: Db, tenantId: string, inboundId: string): Promise<boolean> {
  const row = await db.selectFrom('inbound_raw').select('inbound_id').where('tenant_id', '=', tenantId).where('inbound_id', '=', inboundId).executeTakeFirst();
  return row !== undefined;
}
