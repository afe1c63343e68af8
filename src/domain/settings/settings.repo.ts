import type { Db } from '../../db/client.ts';

/** Stored overrides of one tenant, as parsed JSON by key. */
export async function listSettingOverrides(db: Db, tenantId: string): Promise<Record<string, unknown>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('tenant_id', '=', tenantId).execute();
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
}

export async function upsertSetting(db: Db, tenantId: string, key: string, value: unknown, now: string): Promise<void> {
  await db.insertInto('settings')
    .values({ tenant_id: tenantId, key, value: JSON.stringify(value), updated_at: now })
    .onConflict((oc) => oc.columns(['tenant_id', 'key']).doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
    .execute();
}
