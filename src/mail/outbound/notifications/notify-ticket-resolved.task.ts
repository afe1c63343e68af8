import { inTransaction } from '../../../domain/shared/transaction.ts';
import { defineTask } from '../../../jobs/define-task.ts';
import { eventJobPayload } from '../../../jobs/event-job-payload.ts';
import { eventActor } from './actor-name.ts';
import { notifyPeople } from './notify-people.ts';
import { loadTicketScope, type NotifyDeps } from './ticket-scope.ts';

/**
 * A ticket moved to resolved (seed 003: "the system asks the customer to confirm"): the
 * requester is asked to confirm, or to reopen it by answering or through the link. Not
 * when the requester resolved it themselves.
 */
export const notifyTicketResolvedTask = defineTask({
  name: 'notify.ticket_resolved',
  payload: eventJobPayload('ticket.status_changed'),
  async run(deps: NotifyDeps, p, job) {
    if (!job.tenantId || p.new !== 'resolved' || p.old === 'resolved') return;
    const s = await loadTicketScope(deps, job.tenantId, p.subjectId);
    if (!s?.requester || !s.requester.is_active || s.ticket.status !== 'resolved') return;
    const actor = await eventActor(deps.db, job.tenantId, p.eventId, s.tenant.name);
    if (actor.id === s.requester.id) return;
    await inTransaction(s.ctx, (tx) => notifyPeople({ ...s, ctx: tx }, {
      eventId: p.eventId, template: 'resolved', people: [s.requester!], actorId: actor.id, vars: { actor: { name: actor.name } },
    }));
  },
});
