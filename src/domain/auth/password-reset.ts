/**
 * Password reset by mailed link. Asking always "succeeds" (no account enumeration);
 * the token is single-use, valid one hour, and stored only as its hash.
 */
import { insertJobs } from '../../jobs/jobs.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ValidationError } from '../shared/errors.ts';
import { afterCommit, inTransaction } from '../shared/transaction.ts';
import { setPassword } from '../users/set-password.ts';
import { findUserByEmail } from '../users/users.repo.ts';
import { checkPasswordStrength } from '../users/passwords.ts';
import { findPasswordReset, insertPasswordReset, markPasswordResetUsed } from './password-resets.repo.ts';
import { hashToken, randomToken } from './secrets.ts';

const TTL_MS = 3600_000;

export async function requestPasswordReset(ctx: Ctx, email: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const user = await findUserByEmail(tx.db, tx.tenantId, email.trim());
    if (!user || !user.is_active) return;
    const token = randomToken(32);
    const now = new Date();
    await insertPasswordReset(tx.db, tx.tenantId, user.id, hashToken(token), new Date(now.getTime() + TTL_MS).toISOString());
    // The raw token travels only in the mail job's payload, never in the event log.
    await insertJobs(tx.db, [{ tenantId: tx.tenantId, name: 'mail.password_reset', payload: { userId: user.id, token }, maxAttempts: 5 }]);
    afterCommit(tx, tx.onJobsEnqueued);
    await recordEvent(tx, { name: 'user.password_reset_requested', subjectType: 'user', subjectId: user.id, payload: {} });
  });
}

export async function confirmPasswordReset(ctx: Ctx, token: string, password: string): Promise<void> {
  checkPasswordStrength(password);
  await inTransaction(ctx, async (tx) => {
    const row = await findPasswordReset(tx.db, tx.tenantId, hashToken(token));
    if (!row || row.used_at || row.expires_at <= nowIso()) throw ValidationError.field('token', 'is invalid or expired');
    await markPasswordResetUsed(tx.db, tx.tenantId, row.token_hash, nowIso());
    await setPassword({ ...tx, actor: null }, row.user_id, password);
  });
}
