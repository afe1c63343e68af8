import { findFirstMessageId, findMessage } from '../../../domain/tickets/messages.repo.ts';
import { inTransaction } from '../../../domain/shared/transaction.ts';
import { defineTask } from '../../../jobs/define-task.ts';
import { eventJobPayload } from '../../../jobs/event-job-payload.ts';
import { cameFromSoftware } from './came-from-software.ts';
import { departmentSwitches } from './department-switches.ts';
import { messageVars } from './message-vars.ts';
import { findEventActorId } from './notifications.repo.ts';
import { notifyPeople } from './notify-people.ts';
import { assigneeOrDepartment } from './staff-recipients.ts';
import { loadTicketScope, type NotifyDeps } from './ticket-scope.ts';

/**
 * A new ticket (web, API or mail): the requester gets a confirmation with the number and
 * a link, and the assignee (else the department's agents) hears of it; each switchable per
 * department. No confirmation when staff opened the ticket for someone else (their first
 * reply goes out as such) or when the opening mail came from software.
 */
export const notifyTicketCreatedTask = defineTask({
  name: 'notify.ticket_created',
  payload: eventJobPayload('ticket.created'),
  async run(deps: NotifyDeps, p, job) {
    if (!job.tenantId) return;
    const s = await loadTicketScope(deps, job.tenantId, p.subjectId);
    if (!s) return;
    const actorId = await findEventActorId(deps.db, job.tenantId, p.eventId);
    const switches = departmentSwitches(s.settings, s.department);
    const firstId = await findFirstMessageId(deps.db, job.tenantId, s.ticket.id);
    const first = firstId ? await findMessage(deps.db, job.tenantId, firstId) : undefined;
    const openedForSomeoneElse = actorId !== null && actorId !== s.ticket.requester_id;
    await inTransaction(s.ctx, async (tx) => {
      const t = { ...s, ctx: tx };
      if (switches.send_confirmation && s.requester && !openedForSomeoneElse && !cameFromSoftware(first)) {
        await notifyPeople(t, { eventId: p.eventId, template: 'confirmation', people: [s.requester], kind: 'confirmation' });
      }
      if (switches.notify_agents_on_new_ticket) {
        await notifyPeople(t, {
          eventId: p.eventId, template: 'new_ticket', people: await assigneeOrDepartment(t, actorId), actorId,
          vars: messageVars(first ?? { body: '', body_html: null }),
        });
      }
    });
  },
});
