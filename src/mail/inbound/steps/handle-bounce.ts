import { findMessageByEmailId } from '../../../domain/tickets/messages.repo.ts';
import { findTicket } from '../../../domain/tickets/tickets.repo.ts';
import { ignore, next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { recordOwnBounce } from '../record-own-bounce.ts';
import { bareMessageId } from './message-id.ts';

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
    if (await recordOwnBounce(s.ctx, { emailMessageId: id, recipient: recipient ?? null, status: status ?? null, permanent: !!permanent })) break;
  }
  for (const id of ids) {
    const message = await findMessageByEmailId(s.ctx.db, s.ctx.tenantId, id);
    if (!message) continue;
    s.ticket = (await findTicket(s.ctx.db, s.ctx.tenantId, message.ticket_id)) ?? null;
    if (!s.ticket) continue;
    s.asNote = `Delivery failed${recipient ? ` to ${recipient}` : ''}${status ? ` (${status}${permanent ? ', permanent' : ''})` : ''}.`;
    return next();
  }
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
