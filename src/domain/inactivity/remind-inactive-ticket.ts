import { recordEvent } from '../events/record-event.ts';
import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/transaction.ts';
import { claimReminder, type IdleTicket } from './inactivity.repo.ts';
import { closeAt, type InactivityPlan } from './inactivity-plan.ts';

/**
 * Reminds one idle ticket, once per period of inactivity: claims the reminder and records
 * `ticket.inactivity_reminder` in one transaction (the trigger CLOSE_TICKET_REMINDER and
 * the mail to the requester, notify-close-reminder.task.ts, follow from the event). The
 * reminder is not activity. False: another sweep reminded it, or it changed meanwhile.
 */
export async function remindInactiveTicket(ctx: Ctx, plan: InactivityPlan, t: IdleTicket): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    if (!(await claimReminder(tx.db, tx.tenantId, t, plan.now.toISOString()))) return false;
    await recordEvent(tx, {
      name: 'ticket.inactivity_reminder', subjectType: 'ticket', subjectId: t.id,
      payload: { number: t.number, status: t.status, last_activity_at: t.last_activity_at, close_at: closeAt(plan, t) },
    });
    return true;
  });
}
