import { findMessageByEmailId } from '../../../domain/tickets/messages.repo.ts';
import { findTicket } from '../../../domain/tickets/tickets.repo.ts';
import { ignore, next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { recordOwnBounce } from '../record-own-bounce.ts';
import { bareMessageId } from './message-id.ts';
import { note } from '../trace.ts';

/**
 * A delivery failure is attached to the ticket whose message bounced, as an internal
 * note naming the failed address and status, so agents see that the customer did not
 * get the answer; when the bounced mail is one we sent, the outbox marks it failed.
 * It never opens a ticket, and is never answered.
 */
export async function handleBounce(s: PipelineState): Promise<StepResult> {
  if (!s.bounce) return next();
  const ids = referencedIds(s);
  const { recipient, status, permanent } = s.bounce;
  for (const id of ids) {
    if (await recordOwnBounce(s.ctx, { emailMessageId: id, recipient: recipient ?? null, status: status ?? null, permanent: !!permanent })) {
      note(s.trace, 'handle-bounce', 'own-mail-bounced', `it returns our outgoing mail <${id}>: marked ${permanent ? 'failed' : 'still trying (temporary)'}`);
      break;
    }
  }
  for (const id of ids) {
    const message = await findMessageByEmailId(s.ctx.db, s.ctx.tenantId, id);
    if (!message) continue;
    s.ticket = (await findTicket(s.ctx.db, s.ctx.tenantId, message.ticket_id)) ?? null;
    if (!s.ticket) continue;
    s.asNote = `Delivery failed${recipient ? ` to ${recipient}` : ''}${status ? ` (${status}${permanent ? ', permanent' : ''})` : ''}.`;
    note(s.trace, 'handle-bounce', 'note-on-ticket', `the bounced message <${id}> is message ${message.id} of ${s.ticket.number}: kept there as a note`);
    return next();
  }
  note(s.trace, 'handle-bounce', 'no-ticket', ids.length ? `none of the ${ids.length} Message-IDs it names (${ids.slice(0, 3).map((i) => `<${i}>`).join(', ')}) is on a ticket` : 'it names no Message-ID of the returned mail');
  return ignore('bounce for a message that is not on any ticket');
}

/** Every Message-ID the bounce mentions: its own threading headers, then any in its text or returned message. */
function referencedIds(s: PipelineState): string[] {
  const ids = [s.mail.inReplyTo, ...s.mail.references.slice().reverse()];
  const texts = [s.mail.text, ...s.mail.attachments.filter((a) => a.contentType.startsWith('message/') || a.contentType === 'text/rfc822-headers').map((a) => a.content.toString('latin1'))];
  for (const text of texts) {
    for (const m of text.matchAll(/^(?:Message-ID|In-Reply-To|References):\s*(.+)$/gim)) ids.push(...(m[1].match(/<[^<>\s]+>/g) ?? []));
  }
  return [...new Set(ids.map(bareMessageId).filter((x): x is string => !!x))];
}
