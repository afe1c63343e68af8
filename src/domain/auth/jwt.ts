/**
 * Short-lived access JWTs and longer refresh JWTs (HS256). Each carries its tenant, the
 * account's token_version (a password or role change ends every token) and its token
 * family (`sid`: one API sign-in), which logout, reuse of a refresh token or deactivation
 * revoke. A token without an expiry, a family or an id is refused.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { UnauthorizedError } from '../shared/errors.ts';
import { deriveKey } from './secrets.ts';

export type TokenUse = 'access' | 'refresh';
export interface TokenClaims { userId: string; tenantId: string; version: number; use: TokenUse; familyId: string; jti: string }
export interface TokenPair { access: string; refresh: string; expires_in: number }
export interface PairProps { userId: string; tenantId: string; version: number; familyId: string; refreshJti: string }

export class JwtIssuer {
  // A KeyObject made once: jose would import a raw byte key again on every verify.
  private readonly key: KeyObject;
  constructor(secret: string, readonly accessTtl: number, readonly refreshTtl: number) {
    this.key = createSecretKey(deriveKey(secret, 'jwt'));
  }

  /** Signs a pair for a family; the refresh token's jti must already be stored (see token-pairs.ts). */
  async issuePair(p: PairProps): Promise<TokenPair> {
    const base = { userId: p.userId, tenantId: p.tenantId, version: p.version, familyId: p.familyId };
    const [access, refresh] = await Promise.all([
      this.sign({ ...base, use: 'access', jti: crypto.randomUUID() }, this.accessTtl),
      this.sign({ ...base, use: 'refresh', jti: p.refreshJti }, this.refreshTtl),
    ]);
    return { access, refresh, expires_in: this.accessTtl };
  }

  async verify(token: string, use: TokenUse): Promise<TokenClaims> {
    try {
      const { payload: c } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: 'parley', requiredClaims: ['exp', 'iat', 'sub', 'jti'] });
      if (c.use !== use || typeof c.sub !== 'string' || typeof c.tid !== 'string' || typeof c.sid !== 'string' || typeof c.jti !== 'string') throw new Error('wrong token');
      return { userId: c.sub, tenantId: c.tid, version: Number(c.ver ?? 0), use, familyId: c.sid, jti: c.jti };
    } catch {
      throw new UnauthorizedError(use === 'refresh' ? 'The refresh token is invalid or expired.' : 'The access token is invalid or expired.');
    }
  }

  private sign(c: TokenClaims, ttl: number): Promise<string> {
    return new SignJWT({ tid: c.tenantId, ver: c.version, use: c.use, sid: c.familyId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(c.userId)
      .setIssuer('parley')
      .setIssuedAt()
      .setJti(c.jti)
      .setExpirationTime(`${ttl}s`)
      .sign(this.key);
  }
}
