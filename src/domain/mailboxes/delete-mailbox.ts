import { deleteMailbox, findMailbox } from '../../mail/inbound/mailboxes.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import type { Ctx } from '../shared/context.ts';
import { NotFoundError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { authorizeMailbox } from './mailbox.policy.ts';

/**
 * Removes a mailbox and its sealed credentials (admins only). The mail received from it
 * stays, no longer linked to a mailbox, and deduplication keeps working on it.
 */
export async function removeMailbox(ctx: Ctx, id: string): Promise<void> {
  authorizeMailbox(ctx.actor, 'delete');
  await inTransaction(ctx, async (tx) => {
    const mailbox = await findMailbox(tx.db, tx.tenantId, id);
    if (!mailbox) throw new NotFoundError('mailbox');
    await deleteMailbox(tx.db, tx.tenantId, id);
    await recordEvent(tx, { name: 'mailbox.deleted', subjectType: 'mailbox', subjectId: id, payload: { name: mailbox.name, kind: mailbox.kind } });
  });
}
