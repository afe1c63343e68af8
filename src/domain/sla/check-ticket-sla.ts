/**
 * Raises a ticket's due SLA alerts (docs/sla.md): re-reads the ticket, computes its clocks
 * now, and for each clock still running raises the breach once its due time has passed,
 * else the near-breach warning once past the policy's mark; then queues the timer of the
 * next mark (sla-timer.ts). Each alert is claimed in
 * sla_alerts first (ticket, target, kind, due time): a second worker, a second timer or the
 * sweep finds it claimed and does nothing. A raised alert is the event `ticket.sla_warning`
 * or `ticket.sla_breached` (the audit entry; triggers, webhooks and the notification task
 * take it from there), in the same transaction.
 */
import { recordEvent } from '../events/record-event.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/transaction.ts';
import { findTicket, updateTicketRow, type TicketRow } from '../tickets/tickets.repo.ts';
import { effectivePolicy } from './effective-policy.ts';
import { claimSlaAlert } from './sla-policies.repo.ts';
import { queueSlaTimer } from './sla-timer.ts';
import type { SlaTarget } from './sla-policy-values.ts';
import { parsePauses, slaColumns, slaState } from './ticket-sla.ts';

/** Floating point slack on the near-breach mark (a fraction computed from whole milliseconds). */
const EPSILON = 1e-9;

/** Checks one ticket at `now`; answers the alerts it raised (none when already raised or not due). */
export async function checkTicketSla(ctx: Ctx, ticketId: string, now = Date.now()): Promise<Array<{ target: SlaTarget; kind: 'warning' | 'breach' }>> {
  return inTransaction(ctx, async (tx) => {
    const t = await findTicket(tx.db, tx.tenantId, ticketId);
    if (!t) return [];
    const policy = await effectivePolicy(tx.db, tx.tenantId, t);
    const facts = { ...t, pauses: parsePauses(t.sla_pauses) };
    const states = slaState(policy, facts, now);
    const raised: Array<{ target: SlaTarget; kind: 'warning' | 'breach' }> = [];
    for (const s of states) {
      if (!s.running || s.clock.dueAt === null) continue;
      const kind = s.clock.breached ? 'breach' : s.clock.fraction >= policy.nearBreach - EPSILON ? 'warning' : null;
      if (kind && await raise(tx, t, s.target, kind, new Date(s.clock.dueAt).toISOString(), s.clock.fraction)) raised.push({ target: s.target, kind });
    }
    const columns = slaColumns(states, facts, t, now);
    const { sla_pauses: _unchanged, ...set } = columns;
    await updateTicketRow(tx.db, tx.tenantId, t.id, set);
    await queueSlaTimer(tx, t.id, columns.sla_next_check_at);
    return raised;
  });
}

async function raise(tx: Ctx, t: TicketRow, target: SlaTarget, kind: 'warning' | 'breach', dueAt: string, fraction: number): Promise<boolean> {
  if (!await claimSlaAlert(tx.db, { tenant_id: tx.tenantId, ticket_id: t.id, target, kind, due_at: dueAt, created_at: nowIso() })) return false;
  if (kind === 'breach') {
    await recordEvent(tx, { name: 'ticket.sla_breached', subjectType: 'ticket', subjectId: t.id, payload: { number: t.number, target, due_at: dueAt } });
  } else {
    await recordEvent(tx, { name: 'ticket.sla_warning', subjectType: 'ticket', subjectId: t.id, payload: { number: t.number, target, due_at: dueAt, fraction: Math.round(fraction * 1000) / 1000 } });
  }
  return true;
}
