/**
 * Password reset by mailed link. Asking always "succeeds" (no account enumeration), and
 * at most RESET_MAILS_PER_ADDRESS requests an hour for one address send anything, from
 * however many clients. The request queues a job that names only the account: the token
 * is made when the mail is sent (see send-password-reset.task.ts), so no live token is
 * ever in a job payload, an event or a log; only its hash is stored. It is single-use,
 * valid one hour, and ends when the password changes by any path.
 */
import { insertJobs } from '../../jobs/jobs.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import { nowIso } from '../shared/clock.ts';
import { systemActor, type Ctx } from '../shared/context.ts';
import { ValidationError } from '../shared/errors.ts';
import { afterCommit, inTransaction } from '../shared/transaction.ts';
import { setPassword } from '../users/set-password.ts';
import { findUserByEmail } from '../users/users.repo.ts';
import { checkPasswordStrength } from '../users/passwords.ts';
import { findPasswordReset, markPasswordResetUsed } from './password-resets.repo.ts';
import { hitRateWindow } from './rate-limits.repo.ts';
import { hashToken } from './secrets.ts';
import { accountKey } from './sign-in-limits.ts';

export const RESET_TOKEN_TTL_MS = 3600_000;
export const RESET_MAILS_PER_ADDRESS = 3;
export const RESET_ADDRESS_WINDOW_MS = 3600_000;
export const PASSWORD_RESET_TASK = 'mail.password_reset';

/** The job's whole payload: the account and its token_version, so a password changed meanwhile cancels the mail. */
export interface PasswordResetJob { userId: string; version: number }

export async function requestPasswordReset(ctx: Ctx, email: string): Promise<void> {
  // Counted for unknown addresses too, so the answer and the work never differ by account.
  const { hits } = await hitRateWindow(ctx.db, `reset-to:${ctx.tenantId}:${accountKey(email)}`, RESET_ADDRESS_WINDOW_MS);
  if (hits > RESET_MAILS_PER_ADDRESS) return;
  await inTransaction(ctx, async (tx) => {
    const user = await findUserByEmail(tx.db, tx.tenantId, email.trim());
    if (!user || !user.is_active) return;
    const payload: PasswordResetJob = { userId: user.id, version: user.token_version };
    await insertJobs(tx.db, [{ tenantId: tx.tenantId, name: PASSWORD_RESET_TASK, payload: { ...payload }, maxAttempts: 5 }]);
    afterCommit(tx, tx.onJobsEnqueued);
    await recordEvent(tx, { name: 'user.password_reset_requested', subjectType: 'user', subjectId: user.id, payload: {} });
  });
}

export async function confirmPasswordReset(ctx: Ctx, token: string, password: string): Promise<void> {
  checkPasswordStrength(password);
  await inTransaction(ctx, async (tx) => {
    const row = await findPasswordReset(tx.db, tx.tenantId, hashToken(token));
    const invalid = () => ValidationError.field('token', 'is invalid or expired');
    if (!row || row.used_at || row.expires_at <= nowIso()) throw invalid();
    if (!(await markPasswordResetUsed(tx.db, tx.tenantId, row.token_hash, nowIso()))) throw invalid();
    // The reset token, just proven, is the authority: Parley sets the password on its strength.
    await setPassword({ ...tx, actor: systemActor('auth') }, row.user_id, password);
  });
}
