/**
 * Reminds and closes one tenant's inactive tickets (seed 002's `prune`), as of `now`. Per
 * status of inactive_ticket_statuses, first the reminders, then the closings, each in
 * batches read by keyset through tickets_inactivity_idx, one transaction per ticket. Safe
 * to run twice, or in two processes at once: every reminder and closing is claimed.
 * One ticket that fails is counted and logged, and never stops the others.
 */
import { getSettings } from '../settings/get-settings.ts';
import { systemCtx, type Ctx, type Services } from '../shared/context.ts';
import { closeInactiveTicket } from './close-inactive-ticket.ts';
import { listIdleTickets, type IdleTicket } from './inactivity.repo.ts';
import { inactivityPlan, mayClose } from './inactivity-plan.ts';
import { remindInactiveTicket } from './remind-inactive-ticket.ts';

export interface SweepOutcome { tenantId: string; reminded: number; closed: number; failed: number }

export interface SweepOptions {
  now?: Date;
  batchSize?: number;
  log?: (msg: string, data: Record<string, unknown>) => void;
}

/** What the sweep did for the tenant: tickets reminded, closed, and those that failed. */
export async function sweepInactiveTickets(services: Services, tenantId: string, o: SweepOptions = {}): Promise<SweepOutcome> {
  const outcome: SweepOutcome = { tenantId, reminded: 0, closed: 0, failed: 0 };
  const plan = inactivityPlan(await getSettings(services.db, tenantId), o.now ?? new Date());
  if (!plan) return outcome;
  const ctx = systemCtx(services, tenantId, 'automation');
  const each = async (t: IdleTicket, act: () => Promise<boolean>, counter: 'reminded' | 'closed') => {
    try {
      if (await act()) outcome[counter]++;
    } catch (err) {
      outcome.failed++;
      o.log?.('inactivity sweep failed on a ticket', { tenantId, ticket: t.number, err: String(err) });
    }
  };
  for (const status of plan.statuses) {
    if (plan.remindBefore) {
      for await (const t of idle(ctx, { status, before: plan.remindBefore, unreminded: true }, o.batchSize)) {
        await each(t, () => remindInactiveTicket(ctx, plan, t), 'reminded');
      }
    }
    for await (const t of idle(ctx, { status, before: plan.closeBefore }, o.batchSize)) {
      if (mayClose(plan, t)) await each(t, () => closeInactiveTicket(ctx, plan, t), 'closed');
    }
  }
  return outcome;
}

/** Every idle ticket of the query, batch after batch; rows handled meanwhile do not disturb the cursor. */
async function* idle(ctx: Ctx, q: { status: string; before: string; unreminded?: boolean }, batchSize = 200): AsyncGenerator<IdleTicket> {
  let after: { at: string; id: string } | undefined;
  for (;;) {
    const rows = await listIdleTickets(ctx.db, ctx.tenantId, { ...q, after, limit: batchSize });
    yield* rows;
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    after = { at: last.last_activity_at, id: last.id };
  }
}
