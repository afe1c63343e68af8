import { inTransaction } from '../../../domain/shared/transaction.ts';
import { findUserById } from '../../../domain/users/users.repo.ts';
import { defineTask } from '../../../jobs/define-task.ts';
import { eventJobPayload } from '../../../jobs/event-job-payload.ts';
import { eventActor } from './actor-name.ts';
import { notifyPeople } from './notify-people.ts';
import { isActiveStaff } from './staff-recipients.ts';
import { loadTicketScope, type NotifyDeps } from './ticket-scope.ts';

/** A ticket assigned to an agent: that agent hears of it, unless they took it themselves. */
export const notifyTicketAssignedTask = defineTask({
  name: 'notify.ticket_assigned',
  payload: eventJobPayload('ticket.assigned'),
  async run(deps: NotifyDeps, p, job) {
    if (!job.tenantId || !p.new) return;
    const s = await loadTicketScope(deps, job.tenantId, p.subjectId);
    if (!s) return;
    const actor = await eventActor(deps.db, job.tenantId, p.eventId, s.tenant.name);
    const assignee = await findUserById(deps.db, job.tenantId, p.new);
    if (!isActiveStaff(assignee) || assignee.id === actor.id) return;
    await inTransaction(s.ctx, (tx) => notifyPeople({ ...s, ctx: tx }, {
      eventId: p.eventId, template: 'assigned', people: [assignee], actorId: actor.id, vars: { actor: { name: actor.name } },
    }));
  },
});
