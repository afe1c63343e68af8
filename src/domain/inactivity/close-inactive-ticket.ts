import { recordEvent } from '../events/record-event.ts';
import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/transaction.ts';
import { addSystemMessage } from '../tickets/system-message.ts';
import { updateTicket } from '../tickets/update-ticket.ts';
import { claimClose, type IdleTicket } from './inactivity.repo.ts';
import type { InactivityPlan } from './inactivity-plan.ts';

/**
 * Closes one idle ticket through the ticket commands, so the status rules, the thread
 * line, `ticket.status_changed` and its notifications apply as for any closing; records
 * `ticket.closed_inactive` (trigger CLOSE_TICKET) in the same transaction. `ctx` acts as
 * the automation system actor, whose changes are not activity. False: the ticket changed
 * since the sweep read it (a reply, another sweep closed it).
 */
export async function closeInactiveTicket(ctx: Ctx, plan: InactivityPlan, t: IdleTicket): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    if (!(await claimClose(tx.db, tx.tenantId, t))) return false;
    await updateTicket(tx, t.id, { status: 'closed' });
    await addSystemMessage(tx, t.id, `Closed automatically after ${plan.closeDays} days without activity.`);
    await recordEvent(tx, {
      name: 'ticket.closed_inactive', subjectType: 'ticket', subjectId: t.id,
      payload: { number: t.number, previous_status: t.status, last_activity_at: t.last_activity_at },
    });
    return true;
  });
}
