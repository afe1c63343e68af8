/**
 * API sign-ins: one token family per sign-in, and every refresh token issued in it,
 * stored by the hash of its jti. Families are looked up by tenant and id only.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { TokenFamiliesTable } from '../../db/schema.ts';

export type TokenFamilyRow = Selectable<TokenFamiliesTable>;

export async function insertTokenFamily(db: Db, row: TokenFamilyRow): Promise<void> {
  await db.insertInto('token_families').values(row).execute();
}

export async function findTokenFamily(db: Db, tenantId: string, id: string): Promise<TokenFamilyRow | undefined> {
  return db.selectFrom('token_families').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function touchTokenFamily(db: Db, tenantId: string, id: string, at: string, expiresAt: string): Promise<void> {
  await db.updateTable('token_families').set({ last_used_at: at, expires_at: expiresAt }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Revokes one family if it is still live; answers whether it was. */
export async function revokeTokenFamilyRow(db: Db, tenantId: string, id: string, at: string, reason: string): Promise<boolean> {
  const r = await db.updateTable('token_families').set({ revoked_at: at, revoked_reason: reason })
    .where('tenant_id', '=', tenantId).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function revokeUserTokenFamilyRows(db: Db, tenantId: string, userId: string, at: string, reason: string): Promise<number> {
  const r = await db.updateTable('token_families').set({ revoked_at: at, revoked_reason: reason })
    .where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertRefreshToken(db: Db, tenantId: string, familyId: string, jtiHash: string, expiresAt: string, at: string): Promise<void> {
  await db.insertInto('refresh_tokens').values({ tenant_id: tenantId, jti_hash: jtiHash, family_id: familyId, expires_at: expiresAt, used_at: null, created_at: at }).execute();
}

/**
 * Marks a refresh token used, atomically: of two requests presenting the same token
 * only one gets true, on either engine, however many instances run.
 */
export async function useRefreshToken(db: Db, tenantId: string, familyId: string, jtiHash: string, at: string): Promise<boolean> {
  const r = await db.updateTable('refresh_tokens').set({ used_at: at })
    .where('tenant_id', '=', tenantId).where('jti_hash', '=', jtiHash).where('family_id', '=', familyId).where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes families (and, by cascade, their refresh tokens) expired by `now` or revoked before `revokedBefore`, across tenants. */
export async function deleteEndedTokenFamilies(db: Db, now: string, revokedBefore: string): Promise<number> {
  const r = await db.deleteFrom('token_families')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('revoked_at', '<=', revokedBefore)])).executeTakeFirst();
  return Number(r.numDeletedRows);
}
