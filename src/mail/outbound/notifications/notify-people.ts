/**
 * Tells a few people of one event about a ticket: one decision yields both the in-app
 * notification (for the kinds of docs/notifications.md, never to the person who caused
 * it) and, where their preferences say so, the mail, each in their own language (theirs,
 * else the tenant's), as automatic mail from the ticket's department, threaded on the
 * ticket. All in the caller's transaction: in-app rows in one insert, preferences in one
 * query; a rerun of the event finds everyone told already and queues nothing.
 */
import { isNotificationKind } from '../../../domain/user-notifications/notification-kinds.ts';
import { wantMail } from '../../../domain/user-notifications/notification-preferences.ts';
import { recordNotifications } from '../../../domain/user-notifications/record-notifications.ts';
import type { UserRow } from '../../../domain/users/users.repo.ts';
import { queueEachOnce } from './queue-once.ts';
import type { TemplateVars } from './render-template.ts';
import { templateLanguage } from './templates/index.ts';
import type { TemplateKey } from './templates/template-set.ts';
import { scopeChain, scopeMail, scopeSender, type TicketScope } from './ticket-scope.ts';

export interface NotifyPeopleProps {
  eventId: number;
  template: TemplateKey;
  people: readonly UserRow[];
  /** Who caused the event (null: Parley, or mail from outside): never told of their own doing. */
  actorId?: string | null;
  /** Variables beyond the ticket's own (actor, message…). */
  vars?: TemplateVars;
  kind?: 'confirmation' | 'notification';
}

/** Records the in-app notifications and queues the mails; answers how many mails were queued (0 on a rerun). */
export async function notifyPeople(s: TicketScope, p: NotifyPeopleProps): Promise<number> {
  const people = p.people.filter((u, i) => u.id !== p.actorId && p.people.findIndex((o) => o.id === u.id) === i);
  if (people.length === 0) return 0;
  let mailTo = people;
  if (isNotificationKind(p.template)) {
    const told = await recordNotifications(s.ctx, {
      eventId: p.eventId, kind: p.template, ticketId: s.ticket.id, actorId: p.actorId ?? null, userIds: people.map((u) => u.id),
    });
    const wanted = await wantMail(s.ctx, [...told], p.template);
    mailTo = people.filter((u) => told.has(u.id) && wanted.has(u.id));
  }
  return mailPeople(s, p, mailTo);
}

async function mailPeople(s: TicketScope, p: NotifyPeopleProps, people: readonly UserRow[]): Promise<number> {
  if (people.length === 0) return 0;
  const sender = scopeSender(s);
  const chain = await scopeChain(s);
  const ids = await queueEachOnce(s.ctx, people.map((person) => {
    const mail = scopeMail(s, p.template, templateLanguage(person.language, s.tenant.language), { ...p.vars, recipient: { name: person.name } });
    return {
      key: `${p.eventId}:${p.template}:${person.email}`,
      mail: {
        ticketId: s.ticket.id, messageId: null, kind: p.kind ?? 'notification',
        to: [person.email], from: sender.from, replyTo: sender.replyTo,
        subject: mail.subject, text: mail.text, html: mail.html,
        inReplyTo: chain.inReplyTo, references: chain.references, automatic: true,
      },
    };
  }));
  return ids.filter((id) => id !== null).length;
}
