import { getSettings } from '../settings/get-settings.ts';
import { isStaff, type Ctx } from '../shared/context.ts';
import { ValidationError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { loadVisibleTicket } from './load-visible-ticket.ts';
import type { MessageRow } from './messages.repo.ts';
import { recordReply, type RecordReplyProps } from './record-reply.ts';
import { authorizeTicket } from './ticket.policy.ts';

/** A reply as the signed-in person writes it; the author and the closed-ticket rule are worked out here. */
export type ReplyProps = Pick<RecordReplyProps, 'body' | 'bodyHtml' | 'messageType' | 'channel' | 'timeSpent' | 'attachments' | 'status'>;

/** Adds a reply or an internal note from the signed-in person (web or API). */
export async function replyToTicket(ctx: Ctx, ticketId: string, props: ReplyProps): Promise<MessageRow> {
  if (!props.body.trim() && !props.bodyHtml?.trim() && !props.attachments?.length) {
    throw ValidationError.field('body', 'must not be empty');
  }
  return inTransaction(ctx, async (tx) => {
    const t = await loadVisibleTicket(tx, ticketId);
    const actor = tx.actor!;
    authorizeTicket(actor, 'reply', { messageTypes: [props.messageType], fields: { status: props.status } }, t);
    const staff = isStaff(actor);
    const settings = await getSettings(tx.db, tx.tenantId);
    return recordReply(tx, t, {
      ...props,
      author: { id: actor.id, name: actor.name, staff },
      reopenClosed: settings.response_to_closed_ticket_action === 'reopen_old_ticket',
    });
  });
}
