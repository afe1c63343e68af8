import { inTransaction } from '../../../domain/shared/transaction.ts';
import { appendMessage, type NewMessage } from '../../../domain/tickets/append-message.ts';
import { createTicket } from '../../../domain/tickets/create-ticket.ts';
import { findFirstMessageId } from '../../../domain/tickets/messages.repo.ts';
import { recordReply } from '../../../domain/tickets/record-reply.ts';
import { addSystemMessage } from '../../../domain/tickets/system-message.ts';
import { refusalOfUpdate, updateTicket } from '../../../domain/tickets/update-ticket.ts';
import { loadActor } from '../../../domain/users/load-actor.ts';
import { transitionInbound, updateInbound } from '../inbound.repo.ts';
import { drop, next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { bareMessageId } from './message-id.ts';
import { note, serializeTrace } from '../trace.ts';

/**
 * Writes the outcome in one transaction: a new ticket, a reply on the ticket it
 * continues, or a note (automatic replies, bounces); then the agent's email commands;
 * and marks the stored message processed, with its decision trace. The status guard at
 * the start makes a second run of the same message (a retried job) do nothing.
 */
export async function persist(s: PipelineState): Promise<StepResult> {
  const email = emailHeaders(s);
  return inTransaction(s.ctx, async (tx) => {
    const claimed = await transitionInbound(tx.db, tx.tenantId, s.inbound.id, ['received', 'quarantined'], { status: 'processed', reason: null, processed_at: new Date().toISOString() });
    if (!claimed) {
      note(s.trace, 'persist', 'already-processed', 'another run processed it meanwhile: nothing written');
      return drop('already processed by another run');
    }
    let ticketId: string, messageId: string, done: string;
    if (s.asNote && s.ticket) {
      ticketId = s.ticket.id;
      messageId = (await appendMessage(tx, ticketId, {
        messageType: 'note', body: `${s.asNote}\n\n${s.body}`.trim(), authorId: s.sender?.id ?? null, channel: 'email', email, attachments: s.attachments,
      })).id;
      note(s.trace, 'persist', 'note-appended', done = `internal note added to ${s.ticket.number}`);
    } else if (s.ticket) {
      ticketId = s.ticket.id;
      messageId = (await recordReply(tx, s.ticket, {
        author: { id: s.sender!.id, name: s.sender!.name, staff: s.sender!.role !== 'customer' },
        body: s.body, bodyHtml: s.bodyHtml, messageType: 'reply', channel: 'email', timeSpent: s.timeUsed,
        attachments: s.attachments, quotedText: s.quoted, email, reopenClosed: true, confirmsResolution: s.confirmsResolution,
      })).id;
      note(s.trace, 'persist', 'reply-appended', done = `reply appended to ${s.ticket.number}${s.reopen ? ', reopening it' : ''}`);
    } else {
      const ticket = await createTicket(tx, {
        subject: s.mail.subject.trim() || '(no subject)', departmentId: s.department!.id, requester: { id: s.sender!.id },
        recipients: notificationRecipients(s), channel: 'email',
        messages: [{ body: s.body || '(empty message)', bodyHtml: s.bodyHtml, messageType: 'reply', attachments: s.attachments, email, timeSpent: s.timeUsed, quotedText: s.quoted }],
      });
      ticketId = ticket.id;
      messageId = (await findFirstMessageId(tx.db, tx.tenantId, ticket.id))!;
      note(s.trace, 'persist', 'ticket-created', done = `ticket ${ticket.number} created in ${s.department!.name} for ${s.sender!.email}`);
    }
    for (const r of s.refusedAttachments) await addSystemMessage(tx, ticketId, `The attachment "${r.filename}" was not saved: ${r.reason}.`);
    for (const line of s.commandNotes) await addSystemMessage(tx, ticketId, line);
    if (s.mail.cutHeaders?.length) await addSystemMessage(tx, ticketId, `Oversized header lines of this mail were shortened: ${s.mail.cutHeaders.slice(0, 5).join('; ')}.`);
    if (s.commands && Object.keys(s.commands).length) {
      // A command the agent may not give, or a change the rules refuse, is said in the thread; the mail is kept.
      const asAgent = { ...tx, actor: await loadActor(tx.db, s.sender!) };
      const refused = await refusalOfUpdate(asAgent, ticketId, s.commands);
      if (refused) {
        await addSystemMessage(tx, ticketId, `Email commands were not applied: ${refused}.`);
        note(s.trace, 'email-commands', 'refused-by-rules', `refused when applied: ${refused}`);
      } else {
        await updateTicket(asAgent, ticketId, s.commands);
      }
    }
    note(s.trace, 'outcome', 'processed', `${done} (message ${messageId})`);
    await updateInbound(tx.db, tx.tenantId, s.inbound.id, { ticket_id: ticketId, message_id: messageId, trace: serializeTrace(s.trace) });
    return next();
  });
}

function emailHeaders(s: PipelineState): NewMessage['email'] {
  const keep = ['from', 'to', 'cc', 'reply-to', 'date', 'subject', 'message-id', 'in-reply-to', 'references', 'auto-submitted', 'precedence', 'list-id', 'authentication-results'];
  const headers: Record<string, string> = {};
  for (const h of s.mail.rawHeaders) if (keep.includes(h.name) && !(h.name in headers)) headers[h.name] = h.value.slice(0, 2000);
  return {
    messageId: bareMessageId(s.mail.messageId),
    inReplyTo: bareMessageId(s.mail.inReplyTo),
    references: s.mail.references.map(bareMessageId).filter((x): x is string => !!x).slice(-50),
    headers,
  };
}

/** To and Cc, minus the queue addresses and the sender: the people to keep informed (seed 001). */
function notificationRecipients(s: PipelineState): string[] {
  const skip = new Set([...s.queueAddresses, s.senderAddress?.address.toLowerCase(), s.mail.from?.address.toLowerCase()]);
  return [...new Set([...s.mail.to, ...s.mail.cc].map((a) => a.address.toLowerCase()).filter((a) => a.includes('@') && !skip.has(a)))].slice(0, 50);
}
