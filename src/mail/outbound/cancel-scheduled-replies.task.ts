/**
 * `mail.cancel_scheduled_replies`, on every `message.created`: when the author is a customer
 * (from the portal, the API or mail), the ticket's scheduled replies written before it are
 * cancelled (cancel-scheduled-replies.ts).
 */
import { systemCtx, type Ctx, type Services } from '../../domain/shared/context.ts';
import { findMessage } from '../../domain/tickets/messages.repo.ts';
import { anyWaitingScheduledReply } from '../../domain/tickets/scheduled-replies.repo.ts';
import { findUserById } from '../../domain/users/users.repo.ts';
import { defineTask } from '../../jobs/define-task.ts';
import { eventJobPayload } from '../../jobs/event-job-payload.ts';
import type { Occurrence } from '../../jobs/subscriptions.ts';
import type { EventPayload } from '../../domain/events/catalog.ts';
import { cancelScheduledReplies } from './cancel-scheduled-replies.ts';

export const cancelScheduledRepliesTask = defineTask({
  name: 'mail.cancel_scheduled_replies',
  payload: eventJobPayload('message.created'),
  async run(deps: Services, p, job) {
    if (!job.tenantId || !p.author_id) return;
    const message = await findMessage(deps.db, job.tenantId, p.message_id);
    if (!message || message.message_type !== 'reply') return;
    const author = await findUserById(deps.db, job.tenantId, p.author_id);
    if (author?.role !== 'customer') return;
    await cancelScheduledReplies(systemCtx(deps, job.tenantId, 'jobs'), message);
  },
});

/**
 * The task's `when` (jobs/subscriptions.ts): a job only for messages on tickets that have a
 * reply waiting to be sent. A ticket's opening message has nothing scheduled before it, so
 * a new ticket costs no query.
 */
export async function ticketsHaveWaitingScheduledReplies(ctx: Ctx, _event: string, occurrences: readonly Occurrence[]): Promise<boolean> {
  const later = occurrences.filter((o) => !(o.payload as EventPayload<'message.created'>).opening);
  return later.length > 0 && anyWaitingScheduledReply(ctx.db, ctx.tenantId, later.map((o) => o.subjectId));
}
