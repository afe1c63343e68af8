import { inTransaction } from '../../../domain/shared/transaction.ts';
import { findFirstMessageId, findMessage } from '../../../domain/tickets/messages.repo.ts';
import { findUserById } from '../../../domain/users/users.repo.ts';
import { defineTask } from '../../../jobs/define-task.ts';
import { eventJobPayload } from '../../../jobs/event-job-payload.ts';
import { messageVars } from './message-vars.ts';
import { notifyPeople } from './notify-people.ts';
import { sendAgentReply } from './send-agent-reply.ts';
import { assigneeOrDepartment } from './staff-recipients.ts';
import { loadTicketScope, type NotifyDeps } from './ticket-scope.ts';

/**
 * A public reply on a ticket. An agent's reply, from any channel, goes to the requester and
 * the ticket's recipients (sendAgentReply). A customer's reply, from any channel, goes to
 * the assignee or, while there is none, the department's agents; never back to the
 * customer. The message that opened a ticket is announced by notify.ticket_created instead.
 * Internal notes are another event (note.created) and never reach a customer.
 */
export const notifyMessageCreatedTask = defineTask({
  name: 'notify.message_created',
  payload: eventJobPayload('message.created'),
  async run(deps: NotifyDeps, p, job) {
    if (!job.tenantId) return;
    const message = await findMessage(deps.db, job.tenantId, p.message_id);
    if (!message || message.message_type !== 'reply' || !message.author_id) return;
    const author = await findUserById(deps.db, job.tenantId, message.author_id);
    if (!author) return;
    const staff = author.role !== 'customer';
    // Checked before the scope is loaded: every ticket a customer opens comes through here.
    const opening = (await findFirstMessageId(deps.db, job.tenantId, message.ticket_id)) === message.id;
    if (opening && !staff) return;
    const s = await loadTicketScope(deps, job.tenantId, message.ticket_id);
    if (!s) return;
    await inTransaction(s.ctx, async (tx) => {
      const t = { ...s, ctx: tx };
      if (staff) {
        await sendAgentReply(t, { eventId: p.eventId, message, author });
      } else {
        await notifyPeople(t, {
          eventId: p.eventId, template: 'customer_reply', people: await assigneeOrDepartment(t, author.id), actorId: author.id,
          vars: { ...messageVars(message), actor: { name: author.name } },
        });
      }
    });
  },
});
