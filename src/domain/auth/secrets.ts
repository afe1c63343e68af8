/** Keys derived from PARLEY_SECRET_KEY, one per purpose, so no two uses share a key. */
import { createHash, hkdfSync, randomBytes } from 'node:crypto';

export function deriveKey(secret: string, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'parley', purpose, 32));
}

/** A random token for people to carry (API tokens, sessions, reset links). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Tokens are stored only as their SHA-256: a leaked table reveals no credential. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
