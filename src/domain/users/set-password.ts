import { endSignIns } from '../auth/end-sign-ins.ts';
import { revokePendingPasswordResets } from '../auth/password-resets.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { NotFoundError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { authorizeUser } from './user.policy.ts';
import { findUserById, updateUserRow } from './users.repo.ts';

/**
 * Sets a new password and signs the account out everywhere: its web sessions and API
 * sign-ins end, and every pending reset link stops working. Every path that changes a
 * password (reset, change, admin, CLI) comes through here, so none can skip that.
 */
export async function setPassword(ctx: Ctx, userId: string, password: string): Promise<void> {
  authorizeUser(ctx.actor, 'set-password', { id: userId });
  checkPasswordStrength(password);
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (tx) => {
    const user = await findUserById(tx.db, tx.tenantId, userId);
    if (!user) throw new NotFoundError('user');
    const at = nowIso();
    await updateUserRow(tx.db, tx.tenantId, userId, { password_hash: passwordHash, token_version: user.token_version + 1, updated_at: at });
    await endSignIns(tx.db, tx.tenantId, userId, { reason: 'password_changed' });
    await revokePendingPasswordResets(tx.db, tx.tenantId, userId, at);
    await recordEvent(tx, { name: 'user.password_changed', subjectType: 'user', subjectId: userId, payload: {} });
  });
}
