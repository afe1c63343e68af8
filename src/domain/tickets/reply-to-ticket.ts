import { getSettings } from '../settings/get-settings.ts';
import { isStaff, type Ctx } from '../shared/context.ts';
import { ForbiddenError, ValidationError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import type { NewAttachment } from './append-message.ts';
import { loadVisibleTicket } from './load-visible-ticket.ts';
import type { MessageRow } from './messages.repo.ts';
import { recordReply } from './record-reply.ts';
import type { Channel, Status } from './ticket-values.ts';

export interface ReplyProps {
  body: string;
  bodyHtml?: string | null;
  messageType: 'reply' | 'note';
  channel: Channel;
  timeSpent?: number | null;
  attachments?: NewAttachment[];
  /** Staff may set the status in the same step ("reply and set pending"). */
  status?: Status;
}

/** Adds a reply or an internal note from the signed-in person (web or API). */
export async function replyToTicket(ctx: Ctx, ticketId: string, props: ReplyProps): Promise<MessageRow> {
  if (!props.body.trim() && !props.bodyHtml?.trim() && !props.attachments?.length) {
    throw ValidationError.field('body', 'must not be empty');
  }
  return inTransaction(ctx, async (tx) => {
    const t = await loadVisibleTicket(tx, ticketId);
    const actor = tx.actor!;
    const staff = isStaff(actor);
    if (!staff && props.messageType === 'note') throw new ForbiddenError('Customers cannot write internal notes.');
    if (!staff && props.status) throw new ForbiddenError('Customers cannot set the status while replying.');
    const settings = await getSettings(tx.db, tx.tenantId);
    return recordReply(tx, t, {
      ...props,
      author: { id: actor.id, name: actor.name, staff },
      reopenClosed: settings.response_to_closed_ticket_action === 'reopen_old_ticket',
    });
  });
}
