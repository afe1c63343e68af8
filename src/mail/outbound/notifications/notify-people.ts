/**
 * Sends one template to each of a few people, each in their own language (theirs, else
 * the tenant's), as automatic mail from the ticket's department, threaded on the ticket.
 */
import type { UserRow } from '../../../domain/users/users.repo.ts';
import { composeMail } from './compose-mail.ts';
import { queueOnce } from './queue-once.ts';
import type { TemplateVars } from './render-template.ts';
import { templateLanguage } from './templates/index.ts';
import type { TemplateKey } from './templates/template-set.ts';
import { scopeChain, scopeSender, scopeVars, type TicketScope } from './ticket-scope.ts';

export interface NotifyPeopleProps {
  eventId: number;
  template: TemplateKey;
  people: readonly UserRow[];
  /** Variables beyond the ticket's own (actor, message…). */
  vars?: TemplateVars;
  kind?: 'confirmation' | 'notification';
}

/** Queues the mails in the caller's transaction; answers how many were queued (0 on a rerun). */
export async function notifyPeople(s: TicketScope, p: NotifyPeopleProps): Promise<number> {
  if (p.people.length === 0) return 0;
  const sender = scopeSender(s);
  const chain = await scopeChain(s);
  let queued = 0;
  for (const person of p.people) {
    const mail = composeMail(p.template, templateLanguage(person.language, s.tenant.language), {
      ...scopeVars(s), ...p.vars, recipient: { name: person.name },
    });
    const id = await queueOnce(s.ctx, `${p.eventId}:${p.template}:${person.email}`, {
      ticketId: s.ticket.id, messageId: null, kind: p.kind ?? 'notification',
      to: [person.email], from: sender.from, replyTo: sender.replyTo,
      subject: mail.subject, text: mail.text, html: mail.html,
      inReplyTo: chain.inReplyTo, references: chain.references, automatic: true,
    });
    if (id) queued++;
  }
  return queued;
}
