import { createHash } from 'node:crypto';
import { recordEvent } from '../../../domain/events/record-event.ts';
import { nowIso } from '../../../domain/shared/clock.ts';
import { afterCommit, inTransaction } from '../../../domain/shared/transaction.ts';
import { insertJobs } from '../../../jobs/jobs.repo.ts';
import type { Runtime } from '../../../runtime.ts';
import { updateMailbox, type MailboxRow } from '../mailboxes.repo.ts';
import { MAILBOX_ALERT_TASK } from './mailbox-alert.task.ts';

/**
 * The provider refused the mailbox's refresh token: stop using it, say so on the
 * mailbox, and mail the tenant's admins, so a mailbox never stops silently. The dead
 * tokens are dropped. The alert job's key is derived from the refused token, so two
 * workers that both saw it refused send one alert, and a later refusal sends another.
 */
export async function markMailboxNeedsReauth(rt: Runtime, mailbox: MailboxRow, reason: string): Promise<void> {
  const ctx = rt.systemCtx(mailbox.tenant_id);
  const tokenKey = createHash('sha256').update(mailbox.oauth_refresh_enc ?? '').digest('hex').slice(0, 16);
  await inTransaction(ctx, async (tx) => {
    await updateMailbox(tx.db, tx.tenantId, mailbox.id, {
      state: 'needs_reauth', last_error: reason,
      oauth_access_enc: null, oauth_refresh_enc: null, oauth_expires_at: null, updated_at: nowIso(),
    });
    await recordEvent(tx, {
      name: 'mailbox.needs_reauth', subjectType: 'mailbox', subjectId: mailbox.id,
      payload: { name: mailbox.name, provider: mailbox.oauth_provider, reason },
    });
    await insertJobs(tx.db, [{
      tenantId: tx.tenantId, name: MAILBOX_ALERT_TASK, payload: { mailboxId: mailbox.id, reason },
      maxAttempts: 5, uniqueKey: `${MAILBOX_ALERT_TASK}:${mailbox.id}:${tokenKey}`,
    }]);
    afterCommit(tx, tx.onJobsEnqueued);
  });
}
