import type { Db } from '../../db/client.ts';

export async function insertPasswordReset(db: Db, tenantId: string, userId: string, tokenHash: string, expiresAt: string): Promise<void> {
  await db.insertInto('password_resets').values({
    token_hash: tokenHash, tenant_id: tenantId, user_id: userId, expires_at: expiresAt, used_at: null, created_at: new Date().toISOString(),
  }).execute();
}

export async function findPasswordReset(db: Db, tenantId: string, tokenHash: string) {
  return db.selectFrom('password_resets').selectAll().where('tenant_id', '=', tenantId).where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Uses a token up, atomically: of two confirmations of one token only one gets true. */
export async function markPasswordResetUsed(db: Db, tenantId: string, tokenHash: string, at: string): Promise<boolean> {
  const r = await db.updateTable('password_resets').set({ used_at: at })
    .where('tenant_id', '=', tenantId).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deletePasswordReset(db: Db, tenantId: string, tokenHash: string): Promise<void> {
  await db.deleteFrom('password_resets').where('tenant_id', '=', tenantId).where('token_hash', '=', tokenHash).execute();
}

/** Ends every pending reset link of an account (its password changed, or it was deactivated). */
export async function revokePendingPasswordResets(db: Db, tenantId: string, userId: string, at: string): Promise<number> {
  const r = await db.updateTable('password_resets').set({ used_at: at })
    .where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
