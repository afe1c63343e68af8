import type { Db } from '../../db/client.ts';

export async function insertPasswordReset(db: Db, tenantId: string, userId: string, tokenHash: string, expiresAt: string): Promise<void> {
  await db.insertInto('password_resets').values({
    token_hash: tokenHash, tenant_id: tenantId, user_id: userId, expires_at: expiresAt, used_at: null, created_at: new Date().toISOString(),
  }).execute();
}

export async function findPasswordReset(db: Db, tenantId: string, tokenHash: string) {
  return db.selectFrom('password_resets').selectAll().where('tenant_id', '=', tenantId).where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function markPasswordResetUsed(db: Db, tenantId: string, tokenHash: string, at: string): Promise<void> {
  await db.updateTable('password_resets').set({ used_at: at }).where('tenant_id', '=', tenantId).where('token_hash', '=', tokenHash).execute();
}
