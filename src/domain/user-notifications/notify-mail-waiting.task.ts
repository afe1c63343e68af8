/**
 * `notify.mail_waiting`: the tenant's outgoing mail waits for want of a transport (the
 * `outgoing_mail.no_transport` event, once per episode, src/mail/outbound/transports/
 * no-transport-notice.ts). Every active admin gets a `mail_waiting` notification, in-app:
 * a mail telling them could not go out either.
 */
import type { Services } from '../shared/context.ts';
import { defineTask } from '../../jobs/define-task.ts';
import { eventJobPayload } from '../../jobs/event-job-payload.ts';
import { notifyAdmins } from './notify-admins.ts';

export const notifyMailWaitingTask = defineTask({
  name: 'notify.mail_waiting',
  payload: eventJobPayload('outgoing_mail.no_transport'),
  async run(deps: Services, p, job) {
    if (!job.tenantId) return;
    await notifyAdmins(deps, job.tenantId, { eventId: p.eventId, kind: 'mail_waiting', subject: { type: 'outgoing_mail', id: p.subjectId } });
  },
});
