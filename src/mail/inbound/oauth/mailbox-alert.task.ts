import { z } from 'zod';
import { listUsers } from '../../../domain/users/users.repo.ts';
import { defineTask } from '../../../jobs/define-task.ts';
import type { SelectDeps } from '../../outbound/transports/select-transport.ts';
import { sendThroughTenant } from '../../outbound/transports/send-through-tenant.ts';
import { findMailbox } from '../mailboxes.repo.ts';

export const MAILBOX_ALERT_TASK = 'mail.mailbox_alert';

/**
 * Mails every active admin of the tenant that a mailbox stopped receiving mail and has
 * to be connected again. Skipped when an admin reconnected it before the job ran. A
 * retry after a partial failure mails the first admins again: at least once, by design.
 * It goes out through the tenant's outgoing mail transport, else the install's: also when
 * the tenant's cannot be used (it may be this very mailbox), and without SMTP_URL the
 * install's only logs it, as before.
 */
export const mailboxAlertTask = defineTask({
  name: MAILBOX_ALERT_TASK,
  payload: z.object({ mailboxId: z.string(), reason: z.string() }),
  async run(deps: SelectDeps & { baseUrl: string; from: string }, { mailboxId, reason }, job) {
    if (!job.tenantId) return;
    const mailbox = await findMailbox(deps.db, job.tenantId, mailboxId);
    if (!mailbox || mailbox.state !== 'needs_reauth') return;
    const admins = (await listUsers(deps.db, job.tenantId, { role: 'admin', limit: 500 })).filter((u) => u.is_active);
    const provider = mailbox.oauth_provider === 'google' ? 'Google' : mailbox.oauth_provider === 'microsoft' ? 'Microsoft 365' : 'its provider';
    for (const admin of admins) {
      await sendThroughTenant(deps, job.tenantId, {
        from: deps.from,
        to: admin.email,
        subject: `Mailbox "${mailbox.name}" has stopped receiving mail`,
        text: [
          `Hello ${admin.name},`, '',
          `Parley can no longer read the mailbox "${mailbox.name}"${mailbox.username ? ` (${mailbox.username})` : ''}: ${provider} refused its authorization.`,
          `Reason: ${reason}`, '',
          'No mail is fetched from it until an admin connects it again from the mailbox settings:', '',
          `${deps.baseUrl}/tickets/`, '',
          'Mail that arrives meanwhile stays in the mailbox and will be fetched once it is connected.', '',
        ].join('\n'),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      }, { orInstall: true });
    }
  },
});
