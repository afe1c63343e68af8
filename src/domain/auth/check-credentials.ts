import type { Db } from '../../db/client.ts';
import { UnauthorizedError } from '../shared/errors.ts';
import { verifyPassword } from '../users/passwords.ts';
import { findUserByEmail, type UserRow } from '../users/users.repo.ts';

/**
 * Checks an email and password in one tenant. Unknown account, wrong password and a
 * deactivated account answer the same, after the same work, so none can be told apart.
 */
export async function checkCredentials(db: Db, tenantId: string, email: string, password: string): Promise<UserRow> {
  const user = await findUserByEmail(db, tenantId, email.trim());
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !ok || !user.is_active) throw new UnauthorizedError('The email or password is wrong.');
  return user;
}
