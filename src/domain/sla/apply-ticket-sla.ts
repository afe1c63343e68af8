/**
 * Keeps a ticket's SLA columns in step with its facts (docs/sla.md): called where a ticket
 * is created or its priority, department, organisation, status or first reply changes, in
 * that command's transaction. Answers the columns to write with the change, and queues the
 * ticket's timer at its next mark (sla-timer.ts).
 */
import type { Ctx } from '../shared/context.ts';
import type { TicketRow } from '../tickets/tickets.repo.ts';
import { effectivePolicy } from './effective-policy.ts';
import { queueSlaTimer } from './sla-timer.ts';
import { parsePauses, pausesAfter, slaColumns, slaState, type SlaColumns } from './ticket-sla.ts';

const FACTS = ['priority', 'department_id', 'organisation_id', 'status', 'first_response_at'] as const;

/** The SLA columns of a ticket being inserted (its clocks start at created_at). */
export async function startTicketSla(tx: Ctx, t: TicketRow): Promise<SlaColumns> {
  return computeSla(tx, { ...t, sla_pauses: JSON.stringify(pausesAfter([], null, t.status, t.created_at)) }, t.created_at);
}

/** The SLA columns to write with a change of `t` (empty when no fact the clocks read changes). */
export async function refreshTicketSla(tx: Ctx, t: TicketRow, change: Partial<TicketRow>, at: string): Promise<Partial<SlaColumns>> {
  const next = { ...t, ...change };
  if (FACTS.every((f) => next[f] === t[f])) return {};
  const pauses = pausesAfter(parsePauses(t.sla_pauses), t.status, next.status, at);
  return computeSla(tx, { ...next, sla_pauses: pauses.length ? JSON.stringify(pauses) : null }, at);
}

async function computeSla(tx: Ctx, t: TicketRow, at: string): Promise<SlaColumns> {
  const policy = await effectivePolicy(tx.db, tx.tenantId, t);
  const facts = { ...t, pauses: parsePauses(t.sla_pauses) };
  const columns = slaColumns(slaState(policy, facts, Date.parse(at)), facts, t, null);
  await queueSlaTimer(tx, t.id, columns.sla_next_check_at);
  return columns;
}
