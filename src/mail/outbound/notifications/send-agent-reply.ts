/**
 * An agent's reply as mail to the customer: to the requester, Cc the ticket's notification
 * recipients (seed 001: the To and Cc of the mail that opened it), from the department
 * (seed 002: its name, or the agent's, at its queue address), Reply-To the queue address,
 * `[TK-000042] <subject>`, threaded on the ticket's mail chain. The Message-ID it carries is
 * stored on the message, so the customer's answer threads back to it. A person's reply,
 * not automatic mail (no Auto-Submitted). A scheduled reply waits in the outbox until its
 * send_at; one cancelled before this runs (the customer wrote first) is not queued at all.
 */
import { listRecipients } from '../../../domain/tickets/tickets.repo.ts';
import { setMessageEmailId, type MessageRow } from '../../../domain/tickets/messages.repo.ts';
import { findScheduledReply, updateWaitingScheduledReply } from '../../../domain/tickets/scheduled-replies.repo.ts';
import { nowIso } from '../../../domain/shared/clock.ts';
import type { UserRow } from '../../../domain/users/users.repo.ts';
import { bareMessageId } from '../../inbound/steps/message-id.ts';
import { messageVars } from './message-vars.ts';
import { queueOnce } from './queue-once.ts';
import { templateLanguage } from './templates/index.ts';
import { scopeChain, scopeMail, scopeSender, type TicketScope } from './ticket-scope.ts';

export async function sendAgentReply(s: TicketScope, p: { eventId: number; message: MessageRow; author: UserRow }): Promise<boolean> {
  const self = p.author.email.toLowerCase();
  const requester = s.requester && s.requester.id !== p.author.id ? s.requester.email.toLowerCase() : null;
  const recipients = (await listRecipients(s.ctx.db, s.ctx.tenantId, [s.ticket.id])).get(s.ticket.id) ?? [];
  const to = requester ? [requester] : [];
  const cc = recipients.map((a) => a.toLowerCase()).filter((a) => a !== self && a !== requester);
  if (to.length === 0 && cc.length === 0) return false;
  const scheduled = await findScheduledReply(s.ctx.db, s.ctx.tenantId, p.message.id);
  // Touching the row locks it until commit: a concurrent "customer wrote first" waits, then finds this mail to cancel.
  if (scheduled && !(await updateWaitingScheduledReply(s.ctx.db, s.ctx.tenantId, p.message.id, { updated_at: nowIso() }))) {
    if ((await findScheduledReply(s.ctx.db, s.ctx.tenantId, p.message.id))?.cancelled_at) return false;
  }
  const sender = scopeSender(s, p.author.name);
  const chain = await scopeChain(s, p.message.id);
  const mail = scopeMail(s, 'agent_reply', templateLanguage(s.requester?.language, s.tenant.language), {
    ...messageVars(p.message), actor: { name: p.author.name }, recipient: { name: s.requester?.name ?? '' },
  });
  const emailMessageId = await queueOnce(s.ctx, `${p.eventId}:agent_reply`, {
    ticketId: s.ticket.id, messageId: p.message.id, kind: 'reply',
    to, cc, from: sender.from, replyTo: sender.replyTo,
    subject: mail.subject, text: mail.text, html: mail.html,
    inReplyTo: chain.inReplyTo, references: chain.references, automatic: false,
    sendAt: scheduled && !scheduled.published_at ? new Date(scheduled.send_at).toISOString() : null,
  });
  if (!emailMessageId) return false;
  await setMessageEmailId(s.ctx.db, s.ctx.tenantId, p.message.id, bareMessageId(emailMessageId)!);
  return true;
}
