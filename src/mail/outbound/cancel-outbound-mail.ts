import { nowIso } from '../../domain/shared/clock.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { ConflictError, NotFoundError } from '../../domain/shared/errors.ts';
import { inTransaction } from '../../domain/shared/transaction.ts';
import { authorizeOutboundMail } from './outbound-mail.policy.ts';
import { findOutboundMail, updateOutboundMail, type OutboundMailRow } from './outbound-mails.repo.ts';

/**
 * Cancels a mail not yet sent (queued, scheduled or held; admins). The row stays, with who
 * cancelled it; its job finds it cancelled and sends nothing.
 */
export async function cancelOutboundMail(ctx: Ctx, id: string): Promise<OutboundMailRow> {
  authorizeOutboundMail(ctx.actor, 'cancel');
  return inTransaction(ctx, async (tx) => {
    const row = await findOutboundMail(tx.db, tx.tenantId, id);
    if (!row) throw new NotFoundError('outbound mail');
    const changed = await updateOutboundMail(tx.db, tx.tenantId, id, ['queued', 'held'], {
      status: 'cancelled', reason: `cancelled by ${tx.actor?.email ?? 'the system'}`, updated_at: nowIso(),
    });
    if (!changed) throw new ConflictError(`Only a queued or held mail can be cancelled; this one is ${row.status}.`);
    return (await findOutboundMail(tx.db, tx.tenantId, id))!;
  });
}
