import { getSettings } from '../settings/get-settings.ts';
import { isStaff, requirePerson, type Ctx } from '../shared/context.ts';
import { ValidationError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { loadVisibleTicket } from './load-visible-ticket.ts';
import type { MessageRow } from './messages.repo.ts';
import { recordReply, type RecordReplyProps } from './record-reply.ts';
import { checkSendAt, scheduleReply } from './schedule-reply.ts';
import { authorizeTicket } from './ticket.policy.ts';

/** A reply as the signed-in person writes it; the author and the closed-ticket rule are worked out here. */
export type ReplyProps = Pick<RecordReplyProps, 'body' | 'bodyHtml' | 'messageType' | 'channel' | 'timeSpent' | 'attachments' | 'status'> & {
  /** Staff replies only: send (and show the customer) no earlier than this ISO time with offset (schedule-reply.ts). */
  sendAt?: string | null;
};

/** Adds a reply or an internal note from the signed-in person (web or API). */
export async function replyToTicket(ctx: Ctx, ticketId: string, props: ReplyProps): Promise<MessageRow> {
  if (!props.body.trim() && !props.bodyHtml?.trim() && !props.attachments?.length) {
    throw ValidationError.field('body', 'must not be empty');
  }
  if (props.sendAt && props.messageType !== 'reply') throw ValidationError.field('send_at', 'only a reply can be scheduled');
  const sendAt = props.sendAt ? checkSendAt(props.sendAt) : null;
  return inTransaction(ctx, async (tx) => {
    const t = await loadVisibleTicket(tx, ticketId);
    const actor = requirePerson(tx.actor);
    authorizeTicket(actor, 'reply', { messageTypes: [props.messageType], fields: { status: props.status } }, t);
    const staff = isStaff(actor);
    if (sendAt && !staff) throw ValidationError.field('send_at', 'only staff can schedule a reply');
    const settings = await getSettings(tx.db, tx.tenantId);
    const message = await recordReply(tx, t, {
      ...props,
      author: { id: actor.id, name: actor.name, staff },
      reopenClosed: settings.response_to_closed_ticket_action === 'reopen_old_ticket',
      scheduled: !!sendAt,
    });
    if (sendAt) await scheduleReply(tx, message, actor.id, sendAt);
    return message;
  });
}
