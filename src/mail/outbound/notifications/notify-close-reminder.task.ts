import { inTransaction } from '../../../domain/shared/transaction.ts';
import { defineTask } from '../../../jobs/define-task.ts';
import { eventJobPayload } from '../../../jobs/event-job-payload.ts';
import { notifyPeople } from './notify-people.ts';
import { loadTicketScope, type NotifyDeps } from './ticket-scope.ts';

/**
 * An idle ticket will be closed for inactivity (docs/automation-inactivity.md): the
 * requester gets the `ticket_close_reminder` mail, automatic and threaded on the ticket,
 * once per reminder. Not when the ticket moved on since (an answer, a change of status).
 */
export const notifyCloseReminderTask = defineTask({
  name: 'notify.ticket_close_reminder',
  payload: eventJobPayload('ticket.inactivity_reminder'),
  async run(deps: NotifyDeps, p, job) {
    if (!job.tenantId) return;
    const s = await loadTicketScope(deps, job.tenantId, p.subjectId);
    if (!s?.requester || !s.requester.is_active || s.ticket.status !== p.status) return;
    if (s.ticket.last_activity_at && Date.parse(s.ticket.last_activity_at) > Date.parse(p.last_activity_at)) return;
    await inTransaction(s.ctx, (tx) => notifyPeople({ ...s, ctx: tx }, {
      eventId: p.eventId, template: 'ticket_close_reminder', people: [s.requester!], actorId: null,
      vars: { close: { date: p.close_at.slice(0, 10) } },
    }));
  },
});
