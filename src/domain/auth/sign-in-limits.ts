/**
 * The numbers behind sign-in throttling (documented in docs/security-sessions.md). Failures
 * are counted per account AND client address, so nobody can keep an account locked from
 * elsewhere; a per-address limit bounds what one client tries across all accounts.
 */
import type { BackoffPolicy } from './rate-limits.repo.ts';
import { hashToken } from './secrets.ts';

/** Per (account, client address): 5 attempts at once, then 1 s, 2 s, 4 s … up to 15 min; forgotten after a day without attempts. */
export const LOGIN_BACKOFF: BackoffPolicy = { free: 5, baseMs: 1000, capMs: 15 * 60_000, forgetMs: 24 * 3600_000 };

/** Sign-in attempts per client address per minute, over every account: PARLEY_LOGIN_RATE_LIMIT × this. */
export const LOGIN_ADDRESS_FACTOR = 10;

/** The counter of one (account, client address) pair; the address is hashed, so the table holds no email. */
export const loginPairKey = (tenantId: string, email: string, address: string): string =>
  `login:${tenantId}:${accountKey(email)}:${address}`;

/** An account's part of a counter key: the SHA-256 of the normalised email (short, no personal data, any input). */
export const accountKey = (email: string): string => hashToken(email.trim().toLowerCase());
