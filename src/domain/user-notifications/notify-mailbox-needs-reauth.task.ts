/**
 * `notify.mailbox_needs_reauth`: the provider refused a mailbox's refresh token (the
 * `mailbox.needs_reauth` event, src/mail/inbound/oauth/mark-needs-reauth.ts). Every active
 * admin gets a `mailbox_needs_reauth` notification in-app, besides the alert mail (which
 * cannot go out on an install with no transport). Skipped, like the mail, when the mailbox
 * was connected again before the job ran.
 */
import type { Services } from '../shared/context.ts';
import { defineTask } from '../../jobs/define-task.ts';
import { eventJobPayload } from '../../jobs/event-job-payload.ts';
import { findMailbox } from '../../mail/inbound/mailboxes.repo.ts';
import { notifyAdmins } from './notify-admins.ts';

export const notifyMailboxNeedsReauthTask = defineTask({
  name: 'notify.mailbox_needs_reauth',
  payload: eventJobPayload('mailbox.needs_reauth'),
  async run(deps: Services, p, job) {
    if (!job.tenantId) return;
    const mailbox = await findMailbox(deps.db, job.tenantId, p.subjectId);
    if (!mailbox || mailbox.state !== 'needs_reauth') return;
    await notifyAdmins(deps, job.tenantId, { eventId: p.eventId, kind: 'mailbox_needs_reauth', subject: { type: 'mailbox', id: mailbox.id } });
  },
});
