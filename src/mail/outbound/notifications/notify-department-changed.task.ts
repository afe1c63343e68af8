import { inTransaction } from '../../../domain/shared/transaction.ts';
import { defineTask } from '../../../jobs/define-task.ts';
import { eventJobPayload } from '../../../jobs/event-job-payload.ts';
import { eventActor } from './actor-name.ts';
import { notifyPeople } from './notify-people.ts';
import { departmentAgents } from './staff-recipients.ts';
import { loadTicketScope, type NotifyDeps } from './ticket-scope.ts';

/** A ticket transferred to another department: that department's agents hear of it (not the one who moved it). */
export const notifyDepartmentChangedTask = defineTask({
  name: 'notify.department_changed',
  payload: eventJobPayload('ticket.department_changed'),
  async run(deps: NotifyDeps, p, job) {
    if (!job.tenantId) return;
    // The mail speaks for the new department: its name, its address.
    const s = await loadTicketScope(deps, job.tenantId, p.subjectId, p.new);
    if (!s) return;
    const actor = await eventActor(deps.db, job.tenantId, p.eventId, s.tenant.name);
    const people = (await departmentAgents(s, p.new)).filter((u) => u.id !== actor.id);
    await inTransaction(s.ctx, (tx) => notifyPeople({ ...s, ctx: tx }, {
      eventId: p.eventId, template: 'transferred', people, actorId: actor.id, vars: { actor: { name: actor.name } },
    }));
  },
});
