/**
 * Short-lived access JWTs and longer refresh JWTs (HS256). Each carries its tenant and
 * the account's token_version, so a password change or deactivation ends every token.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { UnauthorizedError } from '../shared/errors.ts';
import { deriveKey } from './secrets.ts';

export type TokenUse = 'access' | 'refresh';
export interface TokenClaims { userId: string; tenantId: string; version: number; use: TokenUse }

export class JwtIssuer {
  // A KeyObject made once: jose would import a raw byte key again on every verify.
  private readonly key: KeyObject;
  constructor(secret: string, readonly accessTtl: number, readonly refreshTtl: number) {
    this.key = createSecretKey(deriveKey(secret, 'jwt'));
  }

  async issue(userId: string, tenantId: string, version: number): Promise<{ access: string; refresh: string; expires_in: number }> {
    const [access, refresh] = await Promise.all([
      this.sign({ userId, tenantId, version, use: 'access' }, this.accessTtl),
      this.sign({ userId, tenantId, version, use: 'refresh' }, this.refreshTtl),
    ]);
    return { access, refresh, expires_in: this.accessTtl };
  }

  async verify(token: string, use: TokenUse): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: 'parley' });
      if (payload.use !== use || typeof payload.sub !== 'string' || typeof payload.tid !== 'string') throw new Error('wrong token');
      return { userId: payload.sub, tenantId: payload.tid, version: Number(payload.ver ?? 0), use };
    } catch {
      throw new UnauthorizedError(use === 'refresh' ? 'The refresh token is invalid or expired.' : 'The access token is invalid or expired.');
    }
  }

  private sign(c: TokenClaims, ttl: number): Promise<string> {
    return new SignJWT({ tid: c.tenantId, ver: c.version, use: c.use })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(c.userId)
      .setIssuer('parley')
      .setIssuedAt()
      .setJti(crypto.randomUUID())
      .setExpirationTime(`${ttl}s`)
      .sign(this.key);
  }
}
