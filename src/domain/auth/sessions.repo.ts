/**
 * Browser sessions: an httpOnly cookie holds a random id (stored hashed) and each session
 * has a CSRF token the page must echo in X-CSRF-Token on every state-changing request.
 */
import type { Db } from '../../db/client.ts';
import { hashToken, randomToken } from './secrets.ts';

export interface SessionRecord { tenantId: string; userId: string; csrfToken: string; expiresAt: string }

export async function createSession(db: Db, tenantId: string, userId: string, ttlSeconds: number): Promise<{ id: string; csrfToken: string; expiresAt: string }> {
  const id = randomToken(32);
  const csrfToken = randomToken(24);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
  await db.insertInto('sessions').values({ id_hash: hashToken(id), tenant_id: tenantId, user_id: userId, csrf_token: csrfToken, expires_at: expiresAt, created_at: now.toISOString() }).execute();
  return { id, csrfToken, expiresAt };
}

export async function findSession(db: Db, id: string): Promise<SessionRecord | undefined> {
  const row = await db.selectFrom('sessions').selectAll().where('id_hash', '=', hashToken(id)).executeTakeFirst();
  if (!row || row.expires_at <= new Date().toISOString()) return undefined;
  return { tenantId: row.tenant_id, userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashToken(id)).execute();
}

export async function deleteExpiredSessions(db: Db): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', new Date().toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Ends every web session of an account (password change, deactivation). */
export async function deleteUserSessions(db: Db, tenantId: string, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
}
