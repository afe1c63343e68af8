import type { Db } from '../../db/client.ts';
import { revokeUserApiTokenRows } from './api-tokens.repo.ts';
import { revokePendingPasswordResets } from './password-resets.repo.ts';
import { deleteUserSessions } from './sessions.repo.ts';
import { revokeUserTokenFamilyRows } from './token-families.repo.ts';

export interface EndSignInsProps {
  reason: 'deactivated' | 'password_changed';
  /** Also revoke the account's API tokens and pending reset links (deactivation). */
  everything?: boolean;
}

/**
 * Ends an account's web sessions and API sign-ins for good: sessions are deleted and
 * families revoked, not filtered by is_active, so reactivating the account revives none
 * of them. Runs in the caller's transaction.
 */
export async function endSignIns(db: Db, tenantId: string, userId: string, props: EndSignInsProps): Promise<void> {
  const at = new Date().toISOString();
  await deleteUserSessions(db, tenantId, userId);
  await revokeUserTokenFamilyRows(db, tenantId, userId, at, props.reason);
  if (props.everything) {
    await revokeUserApiTokenRows(db, tenantId, userId, at);
    await revokePendingPasswordResets(db, tenantId, userId, at);
  }
}
