import type { Ctx } from '../shared/context.ts';
import { ValidationError } from '../shared/errors.ts';
import { checkPasswordStrength, verifyPassword } from './passwords.ts';
import { setPassword } from './set-password.ts';
import { authorizeUser } from './user.policy.ts';
import { findUserById } from './users.repo.ts';

export interface ChangePasswordProps { password: string; currentPassword?: string }

/**
 * Changes a password from the API: an admin may set anyone's; a person may change their
 * own only by proving the current one, so a stolen session or JWT cannot lock the owner
 * out. API tokens may do neither: a token must not be able to become the password.
 */
export async function changePassword(ctx: Ctx, userId: string, props: ChangePasswordProps): Promise<void> {
  const actor = ctx.actor;
  authorizeUser(actor, 'change-password', { id: userId });
  const self = actor.id === userId;
  checkPasswordStrength(props.password);
  if (self) {
    if (!props.currentPassword) throw ValidationError.field('current_password', 'is required to change your own password');
    const user = await findUserById(ctx.db, ctx.tenantId, userId);
    if (!(await verifyPassword(user?.password_hash ?? null, props.currentPassword))) {
      throw ValidationError.field('current_password', 'is not your current password');
    }
  }
  await setPassword(ctx, userId, props.password);
}
