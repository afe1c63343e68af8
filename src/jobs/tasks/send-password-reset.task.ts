import { z } from 'zod';
import { PASSWORD_RESET_TASK, RESET_TOKEN_TTL_MS } from '../../domain/auth/password-reset.ts';
import { deletePasswordReset, insertPasswordReset } from '../../domain/auth/password-resets.repo.ts';
import { hashToken, randomToken } from '../../domain/auth/secrets.ts';
import { findTenantById } from '../../domain/tenants/tenants.repo.ts';
import { findUserById } from '../../domain/users/users.repo.ts';
import type { SelectDeps } from '../../mail/outbound/transports/select-transport.ts';
import { sendThroughTenant } from '../../mail/outbound/transports/send-through-tenant.ts';
import { defineTask } from '../define-task.ts';

/**
 * Makes the reset token and mails the link. The token exists only here and in the mail:
 * the job names the account alone and the table keeps the hash. A send that fails drops
 * its token, and the retry makes a new one. Nothing is sent when the account was
 * deactivated or its password changed after the request. It goes out through the tenant's
 * outgoing mail transport, else SMTP_URL; with neither the job fails (and retries with
 * backoff) saying so: a hosted install may have no SMTP_URL at all.
 */
export const sendPasswordResetTask = defineTask({
  name: PASSWORD_RESET_TASK,
  // The PasswordResetJob of password-reset.ts; jobs queued before `version` existed lack it.
  payload: z.object({ userId: z.string(), version: z.number().optional() }),
  async run(deps: SelectDeps & { baseUrl: string; from: string }, { userId, version }, job) {
    if (!job.tenantId) return;
    const user = await findUserById(deps.db, job.tenantId, userId);
    const tenant = await findTenantById(deps.db, job.tenantId);
    if (!user || !tenant || !user.is_active || (version !== undefined && version !== user.token_version)) return;
    const token = randomToken(32);
    const tokenHash = hashToken(token);
    await insertPasswordReset(deps.db, job.tenantId, user.id, tokenHash, new Date(Date.now() + RESET_TOKEN_TTL_MS).toISOString());
    const link = `${deps.baseUrl}/tickets/reset-password/?token=${encodeURIComponent(token)}&tenant=${encodeURIComponent(tenant.slug)}`;
    try {
      await sendThroughTenant(deps, job.tenantId, {
        from: deps.from,
        to: user.email,
        subject: 'Reset your password',
        text: `Hello ${user.name},\n\nTo choose a new password, open this link within one hour:\n\n${link}\n\nIf you did not ask for this, ignore this message.\n`,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
        secret: true,
      });
    } catch (err) {
      await deletePasswordReset(deps.db, job.tenantId, tokenHash);
      throw err;
    }
  },
});
