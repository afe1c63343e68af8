/**
 * API sign-in with rotating refresh tokens. Each sign-in starts a token family; each
 * refresh uses up its refresh token and issues the next one in the family. Presenting a
 * refresh token a second time means a copy exists somewhere: the whole family is revoked
 * (reuse detection), so the thief's and the owner's tokens stop working together.
 */
import { randomUUID } from 'node:crypto';
import { recordEvent } from '../events/record-event.ts';
import { systemActor, type Acting, type Ctx, type Source } from '../shared/context.ts';
import { UnauthorizedError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { findUserById, type UserRow } from '../users/users.repo.ts';
import type { JwtIssuer, TokenClaims, TokenPair } from './jwt.ts';
import { hashToken } from './secrets.ts';
import {
  findTokenFamily, insertRefreshToken, insertTokenFamily, revokeTokenFamilyRow, touchTokenFamily, useRefreshToken, type TokenFamilyRow,
} from './token-families.repo.ts';

/** What the commands here need from the runtime: the signer and a way to make a context once the token names its tenant. */
export interface TokenDeps {
  jwt: JwtIssuer;
  ctx(tenantId: string, actor: Acting, source: Source, requestId?: string | null): Ctx;
}

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

/** Signs an account in for the API: a new family and its first pair. */
export async function startTokenFamily(ctx: Ctx, jwt: JwtIssuer, user: UserRow): Promise<TokenPair> {
  const at = new Date().toISOString();
  const expiresAt = inSeconds(jwt.refreshTtl);
  const familyId = randomUUID();
  const jti = randomUUID();
  await inTransaction(ctx, async (tx) => {
    await insertTokenFamily(tx.db, { tenant_id: tx.tenantId, id: familyId, user_id: user.id, created_at: at, last_used_at: at, expires_at: expiresAt, revoked_at: null, revoked_reason: null });
    await insertRefreshToken(tx.db, tx.tenantId, familyId, hashToken(jti), expiresAt, at);
  });
  return jwt.issuePair({ userId: user.id, tenantId: ctx.tenantId, version: user.token_version, familyId, refreshJti: jti });
}

/** Exchanges a refresh token for the next pair of its family; a reused one revokes the family. */
export async function rotateRefreshToken(deps: TokenDeps, refresh: string, requestId: string | null = null): Promise<TokenPair> {
  const claims = await deps.jwt.verify(refresh, 'refresh');
  const ctx = deps.ctx(claims.tenantId, systemActor('auth'), 'api', requestId);
  const user = await findUserById(ctx.db, claims.tenantId, claims.userId);
  if (!user || !user.is_active || user.token_version !== claims.version) throw new UnauthorizedError('The refresh token is no longer valid.');
  const at = new Date().toISOString();
  const expiresAt = inSeconds(deps.jwt.refreshTtl);
  const next = randomUUID();
  const outcome = await inTransaction(ctx, async (tx) => {
    if (!isLive(await findTokenFamily(tx.db, tx.tenantId, claims.familyId), user.id, at)) return 'ended';
    if (!(await useRefreshToken(tx.db, tx.tenantId, claims.familyId, hashToken(claims.jti), at))) {
      await revokeTokenFamilyRow(tx.db, tx.tenantId, claims.familyId, at, 'reuse');
      await recordEvent(tx, { name: 'auth.refresh_token_reused', subjectType: 'user', subjectId: user.id, payload: { family: claims.familyId } });
      return 'reused';
    }
    await insertRefreshToken(tx.db, tx.tenantId, claims.familyId, hashToken(next), expiresAt, at);
    await touchTokenFamily(tx.db, tx.tenantId, claims.familyId, at, expiresAt);
    return 'rotated';
  });
  if (outcome === 'reused') throw new UnauthorizedError('This refresh token was already used; every token of its sign-in is now revoked.');
  if (outcome === 'ended') throw new UnauthorizedError('The refresh token is no longer valid.');
  return deps.jwt.issuePair({ userId: user.id, tenantId: claims.tenantId, version: user.token_version, familyId: claims.familyId, refreshJti: next });
}

/** Ends one API sign-in (logout): its refresh and access tokens stop working. */
export async function revokeTokenFamily(ctx: Ctx, familyId: string, reason = 'logout'): Promise<void> {
  await revokeTokenFamilyRow(ctx.db, ctx.tenantId, familyId, new Date().toISOString(), reason);
}

/** Whether an access token's family still stands (not revoked, not expired, same account). */
export async function isAccessFamilyLive(db: Ctx['db'], claims: TokenClaims): Promise<boolean> {
  return isLive(await findTokenFamily(db, claims.tenantId, claims.familyId), claims.userId, new Date().toISOString());
}

function isLive(family: TokenFamilyRow | undefined, userId: string, at: string): boolean {
  return !!family && family.user_id === userId && !family.revoked_at && family.expires_at > at;
}
