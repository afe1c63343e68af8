import { findInbound, transitionInbound, type InboundRow } from '../../mail/inbound/inbound.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError, NotFoundError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { authorizeInboundMessage } from './inbound-message.policy.ts';
import { deleteInboundRaw } from './inbound-admin.repo.ts';

/**
 * Gives up on a quarantined message (admins only): it becomes discarded and its raw
 * bytes are deleted, so it can no longer be reprocessed; the summary row stays for the record.
 */
export async function discardInbound(ctx: Ctx, id: string): Promise<InboundRow> {
  authorizeInboundMessage(ctx.actor, 'discard');
  return inTransaction(ctx, async (tx) => {
    const inbound = await findInbound(tx.db, tx.tenantId, id);
    if (!inbound) throw new NotFoundError('received message');
    // The status condition keeps a concurrent reprocess (or a second discard) from racing this one.
    if (!(await transitionInbound(tx.db, tx.tenantId, id, ['quarantined'], { status: 'discarded', processed_at: nowIso() }))) {
      throw new ConflictError(`Only a quarantined message can be discarded; this one is ${inbound.status}.`);
    }
    await deleteInboundRaw(tx.db, tx.tenantId, id);
    await recordEvent(tx, { name: 'inbound.discarded', subjectType: 'inbound_message', subjectId: id, payload: { subject: inbound.subject, reason: inbound.reason } });
    return (await findInbound(tx.db, tx.tenantId, id))!;
  });
}
