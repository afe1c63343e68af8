/**
 * The `state` of the authorization-code flow: a short-lived HS256 JWT, under its own
 * key, naming the tenant, the mailbox and the admin who started the connection. It
 * also carries the PKCE code verifier, sealed, because the state travels through the
 * browser and the provider: a verifier readable there would defeat PKCE.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { deriveKey } from '../../../domain/auth/secrets.ts';
import { ValidationError } from '../../../domain/shared/errors.ts';
import type { Runtime } from '../../../runtime.ts';

export interface OAuthStateClaims { tenantId: string; mailboxId: string; userId: string; verifier: string }

type StateDeps = Pick<Runtime, 'config' | 'secrets'>;

const TTL_SECONDS = 600;
const AUDIENCE = 'parley:mailbox-oauth';

/** A PKCE pair (RFC 7636, S256): 43 characters of verifier and its SHA-256 challenge. */
export function createPkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export async function signOAuthState(rt: StateDeps, c: OAuthStateClaims): Promise<string> {
  return new SignJWT({ tid: c.tenantId, mid: c.mailboxId, cv: rt.secrets.seal(c.verifier) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(c.userId)
    .setIssuer('parley')
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${TTL_SECONDS}s`)
    .sign(stateKey(rt));
}

/** The claims of a state this server issued in the last ten minutes; otherwise a 422 on `state`. */
export async function verifyOAuthState(rt: StateDeps, token: string): Promise<OAuthStateClaims> {
  try {
    const { payload: p } = await jwtVerify(token, stateKey(rt), { algorithms: ['HS256'], issuer: 'parley', audience: AUDIENCE });
    if (typeof p.sub !== 'string' || typeof p.tid !== 'string' || typeof p.mid !== 'string' || typeof p.cv !== 'string') throw new Error('incomplete state');
    return { tenantId: p.tid, mailboxId: p.mid, userId: p.sub, verifier: rt.secrets.open(p.cv) };
  } catch {
    throw ValidationError.field('state', 'is invalid or expired: start connecting the mailbox again');
  }
}

const stateKey = (rt: StateDeps): Uint8Array => deriveKey(rt.config.secretKey, 'oauth-state');
