import { deleteUserSessions } from '../auth/sessions.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { findUserById, updateUserRow } from './users.repo.ts';

/** Sets a new password and signs the account out everywhere (its tokens stop working). */
export async function setPassword(ctx: Ctx, userId: string, password: string): Promise<void> {
  if (ctx.actor && ctx.actor.role !== 'admin' && ctx.actor.id !== userId) throw new ForbiddenError();
  checkPasswordStrength(password);
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (tx) => {
    const user = await findUserById(tx.db, tx.tenantId, userId);
    if (!user) throw new NotFoundError('user');
    await updateUserRow(tx.db, tx.tenantId, userId, { password_hash: passwordHash, token_version: user.token_version + 1, updated_at: nowIso() });
    await deleteUserSessions(tx.db, tx.tenantId, userId);
    await recordEvent(tx, { name: 'user.password_changed', subjectType: 'user', subjectId: userId, payload: {} });
  });
}
