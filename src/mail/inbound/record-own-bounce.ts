/**
 * A bounce of a mail we sent: the outgoing mail is marked failed with the status the
 * receiving server gave, and `message.delivery_failed` tells the agent (the live stream
 * and later notifications pick it up). A temporary failure (4.x.x) only notes the
 * reason: the remote server is still trying. Idempotent: only a `sent` mail changes, so
 * a reprocessed bounce records nothing twice.
 */
import { recordEvent } from '../../domain/events/record-event.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { inTransaction } from '../../domain/shared/transaction.ts';
import { findOutboundMailByEmailId, updateOutboundMail } from '../outbound/outbound-mails.repo.ts';

export interface OwnBounce { emailMessageId: string; recipient: string | null; status: string | null; permanent: boolean }

/** True when the bounce was for one of our outgoing mails. */
export async function recordOwnBounce(ctx: Ctx, b: OwnBounce): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const mail = await findOutboundMailByEmailId(tx.db, tx.tenantId, `<${b.emailMessageId}>`);
    if (!mail) return false;
    const reason = `bounced${b.recipient ? ` by ${b.recipient}` : ''}${b.status ? ` (${b.status})` : ''}`;
    if (!b.permanent) {
      await updateOutboundMail(tx.db, tx.tenantId, mail.id, ['sent'], { last_error: `${reason}, temporary: the receiving server keeps trying`, updated_at: new Date().toISOString() });
      return true;
    }
    const changed = await updateOutboundMail(tx.db, tx.tenantId, mail.id, ['sent'], { status: 'failed', reason, last_error: reason, updated_at: new Date().toISOString() });
    if (changed && mail.message_id && mail.ticket_id) {
      const recipient = b.recipient ?? (JSON.parse(mail.to_addresses) as string[])[0] ?? '';
      await recordEvent(tx, { name: 'message.delivery_failed', subjectType: 'ticket', subjectId: mail.ticket_id, payload: { message_id: mail.message_id, recipient, reason } });
    }
    return true;
  });
}
