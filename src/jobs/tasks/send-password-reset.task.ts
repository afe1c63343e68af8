import type { Db } from '../../db/client.ts';
import { findTenantById } from '../../domain/tenants/tenants.repo.ts';
import { findUserById } from '../../domain/users/users.repo.ts';
import type { MailTransport } from '../../mail/outbound/transport.ts';
import type { ClaimedJob } from '../jobs.repo.ts';

/** Mails the reset link. Sent at most once per job run; a retry resends the same link. */
export function sendPasswordResetTask(deps: { db: Db; mail: MailTransport; baseUrl: string; from: string }) {
  return async (job: ClaimedJob): Promise<void> => {
    const { userId, token } = job.payload as { userId: string; token: string };
    const user = job.tenantId ? await findUserById(deps.db, job.tenantId, userId) : undefined;
    const tenant = job.tenantId ? await findTenantById(deps.db, job.tenantId) : undefined;
    if (!user || !tenant) return;
    const link = `${deps.baseUrl}/tickets/reset-password/?token=${encodeURIComponent(token)}&tenant=${encodeURIComponent(tenant.slug)}`;
    await deps.mail.send({
      from: deps.from,
      to: user.email,
      subject: 'Reset your password',
      text: `Hello ${user.name},\n\nTo choose a new password, open this link within one hour:\n\n${link}\n\nIf you did not ask for this, ignore this message.\n`,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    });
  };
}
