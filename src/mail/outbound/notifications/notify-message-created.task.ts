import { inTransaction } from '../../../domain/shared/transaction.ts';
import { findFirstMessageId, findMessage } from '../../../domain/tickets/messages.repo.ts';
import { findUserById, findUsersByIds } from '../../../domain/users/users.repo.ts';
import type { Ctx } from '../../../domain/shared/context.ts';
import type { EventPayload } from '../../../domain/events/catalog.ts';
import type { Occurrence } from '../../../jobs/subscriptions.ts';
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

/**
 * The task's `when` (jobs/subscriptions.ts): the message that opened a ticket, written by its
 * customer, is announced by notify.ticket_created, so it needs no job of this task (the run
 * above would return at once). Every other message does: any reply, and an opening written
 * by staff (it goes to the customer as the agent's reply).
 */
export async function notifyMessageCreatedWanted(ctx: Ctx, _event: string, occurrences: readonly Occurrence[]): Promise<boolean> {
  const payloads = occurrences.map((o) => o.payload as EventPayload<'message.created'>);
  if (payloads.some((p) => !p.opening || !p.author_id)) return true;
  const authors = await findUsersByIds(ctx.db, ctx.tenantId, payloads.map((p) => p.author_id!));
  return authors.some((u) => u.role !== 'customer');
}
