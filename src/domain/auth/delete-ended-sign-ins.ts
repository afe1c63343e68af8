import type { Db } from '../../db/client.ts';
import { deleteExpiredRateLimits } from './rate-limits.repo.ts';
import { deleteExpiredSessions } from './sessions.repo.ts';
import { deleteEndedTokenFamilies } from './token-families.repo.ts';

/** Revoked token families stay a week for the audit trail, then go. */
const KEEP_REVOKED_MS = 7 * 24 * 3600_000;

/** The hourly sweep of sign-in state: expired sessions, ended token families, expired rate-limit counters. */
export async function deleteEndedSignIns(db: Db, now = new Date()): Promise<void> {
  await deleteExpiredSessions(db);
  await deleteEndedTokenFamilies(db, now.toISOString(), new Date(now.getTime() - KEEP_REVOKED_MS).toISOString());
  await deleteExpiredRateLimits(db, now.getTime());
}
