/**
 * `notify.webhook_disabled`: Parley turned a webhook off after a day of failed deliveries
 * (the `webhook.disabled` event with `automatic`). Every active admin gets a
 * `webhook_disabled` notification in-app. An admin turning one off tells nobody.
 */
import type { Services } from '../shared/context.ts';
import { defineTask } from '../../jobs/define-task.ts';
import { eventJobPayload } from '../../jobs/event-job-payload.ts';
import { notifyAdmins } from '../user-notifications/notify-admins.ts';

export const notifyWebhookDisabledTask = defineTask({
  name: 'notify.webhook_disabled',
  payload: eventJobPayload('webhook.disabled'),
  async run(deps: Services, p, job) {
    if (!job.tenantId || !p.automatic) return;
    await notifyAdmins(deps, job.tenantId, { eventId: p.eventId, kind: 'webhook_disabled', subject: { type: 'webhook', id: p.subjectId } });
  },
});
