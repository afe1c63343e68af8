/**
 * A resolution was rated badly (`ticket.satisfaction_rated`, positive false): the agent it
 * was assigned to at the resolution, else the department's agents, get an in-app
 * `bad_rating` notification and the `rated_bad` mail, in their language. Off with the
 * tenant setting notify_on_bad_rating. A rerun tells nobody twice.
 */
import { findUserById } from '../../../domain/users/users.repo.ts';
import { inTransaction } from '../../../domain/shared/transaction.ts';
import { recordNotifications } from '../../../domain/user-notifications/record-notifications.ts';
import { defineTask } from '../../../jobs/define-task.ts';
import { eventJobPayload } from '../../../jobs/event-job-payload.ts';
import { notifyPeople } from '../notifications/notify-people.ts';
import { departmentAgents, isActiveStaff } from '../notifications/staff-recipients.ts';
import { loadTicketScope, type NotifyDeps } from '../notifications/ticket-scope.ts';
import { findRating } from '../../../domain/satisfaction/satisfaction.repo.ts';

export const notifyBadRatingTask = defineTask({
  name: 'notify.bad_rating',
  payload: eventJobPayload('ticket.satisfaction_rated'),
  async run(deps: NotifyDeps, p, job) {
    if (!job.tenantId || p.positive) return;
    const s = await loadTicketScope(deps, job.tenantId, p.subjectId, p.department_id);
    if (!s || !s.settings.notify_on_bad_rating) return;
    const rating = await findRating(s.ctx.db, job.tenantId, p.rating_id);
    const agent = p.agent_id ? await findUserById(deps.db, job.tenantId, p.agent_id) : undefined;
    const people = isActiveStaff(agent) ? [agent] : await departmentAgents(s, p.department_id);
    await inTransaction(s.ctx, async (tx) => {
      const told = await recordNotifications(tx, { eventId: p.eventId, kind: 'bad_rating', ticketId: s.ticket.id, actorId: null, userIds: people.map((u) => u.id) });
      const value = p.scale === 'binary' ? 'bad' : `${p.rating} / 5`;
      await notifyPeople({ ...s, ctx: tx }, {
        eventId: p.eventId, template: 'rated_bad', people: people.filter((u) => told.has(u.id)),
        vars: { rating: { value, comment: rating?.comment ?? '' } },
      });
    });
  },
});
