import { recordEvent } from '../events/record-event.ts';
import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/transaction.ts';
import { authorizeCannedReply } from './canned-reply.policy.ts';
import { deleteCannedReplyRow, findCannedReply } from './canned-replies.repo.ts';

/** Deletes a canned reply the actor may change (its own, or a shared one as an admin). */
export async function deleteCannedReply(ctx: Ctx, id: string): Promise<void> {
  authorizeCannedReply(ctx.actor, 'list');
  await inTransaction(ctx, async (tx) => {
    const row = await findCannedReply(tx.db, tx.tenantId, id);
    authorizeCannedReply(tx.actor, 'change', row);
    await deleteCannedReplyRow(tx.db, tx.tenantId, id);
    if (row!.owner_id === null) await recordEvent(tx, { name: 'canned_reply.deleted', subjectType: 'canned_reply', subjectId: id, payload: { name: row!.name } });
  });
}
