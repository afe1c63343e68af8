import { inTransaction } from '../../../domain/shared/transaction.ts';
import { canReadTicket } from '../../../domain/tickets/ticket.policy.ts';
import { findMessage } from '../../../domain/tickets/messages.repo.ts';
import { findMessageMentions } from '../../../domain/user-notifications/mentions.repo.ts';
import { loadActor } from '../../../domain/users/load-actor.ts';
import { findUsersByIds, type UserRow } from '../../../domain/users/users.repo.ts';
import { defineTask } from '../../../jobs/define-task.ts';
import { eventJobPayload } from '../../../jobs/event-job-payload.ts';
import { messageVars } from './message-vars.ts';
import { notifyPeople } from './notify-people.ts';
import { isActiveStaff } from './staff-recipients.ts';
import { loadTicketScope, type NotifyDeps } from './ticket-scope.ts';

/**
 * An internal note that @mentions staff (stored with the note, see find-mentions.ts): each
 * one mentioned who may read the ticket (their departments, or assigned to them) hears of
 * it, in-app and by mail as they chose; never the author. A note never reaches a customer,
 * and a mention in a public reply tells nobody (only notes store mentions).
 */
export const notifyNoteCreatedTask = defineTask({
  name: 'notify.note_created',
  payload: eventJobPayload('note.created'),
  async run(deps: NotifyDeps, p, job) {
    if (!job.tenantId) return;
    const message = await findMessage(deps.db, job.tenantId, p.message_id);
    if (!message || message.message_type !== 'note') return;
    const mentioned = (await findMessageMentions(deps.db, job.tenantId, [message.id])).get(message.id) ?? [];
    if (mentioned.length === 0) return;
    const s = await loadTicketScope(deps, job.tenantId, message.ticket_id);
    if (!s) return;
    const opts = { customersSeeOrganisation: s.settings.customers_see_organisation_tickets };
    const people: UserRow[] = [];
    for (const u of (await findUsersByIds(deps.db, job.tenantId, mentioned)).filter(isActiveStaff)) {
      const actor = await loadActor(deps.db, u);
      if (actor.canAccessTicketing && canReadTicket(actor, s.ticket, opts)) people.push(u);
    }
    const author = message.author_id ? (await findUsersByIds(deps.db, job.tenantId, [message.author_id]))[0] : undefined;
    await inTransaction(s.ctx, (tx) => notifyPeople({ ...s, ctx: tx }, {
      eventId: p.eventId, template: 'mentioned', people, actorId: message.author_id,
      vars: { ...messageVars(message), actor: { name: author?.name ?? s.tenant.name } },
    }));
  },
});
