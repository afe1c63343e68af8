import type { Selectable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { ApiTokensTable } from '../../db/schema.ts';

export type ApiTokenRow = Selectable<ApiTokensTable>;

export async function insertApiToken(db: Db, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

/** Looks a token up by its hash across tenants: the token itself names its tenant. */
export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findApiToken(db: Db, tenantId: string, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function listApiTokens(db: Db, tenantId: string, userId?: string): Promise<ApiTokenRow[]> {
  let q = db.selectFrom('api_tokens').selectAll().where('tenant_id', '=', tenantId);
  if (userId) q = q.where('user_id', '=', userId);
  return q.orderBy('created_at', 'desc').execute();
}

export async function revokeApiTokenRow(db: Db, tenantId: string, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function touchApiToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** Revokes every live token of an account (deactivation); revoked tokens never come back. */
export async function revokeUserApiTokenRows(db: Db, tenantId: string, userId: string, at: string): Promise<number> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: at })
    .where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
