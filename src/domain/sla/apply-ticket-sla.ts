/**
 * Keeps a ticket's SLA columns in step with its facts (docs/sla.md): called where a ticket
 * is created or its priority, department, organisation, status or first reply changes, in
 * that command's transaction. Answers the columns to write with the change, and queues a
 * durable job at each near-breach and breach instant (sla.check_ticket); the job's unique
 * key holds the ticket, target, kind and instant, so however many instances recompute the
 * same due time, one job fires for it, and a recomputed due time gets a job of its own.
 */
import { insertJobs, type NewJob } from '../../jobs/jobs.repo.ts';
import { afterCommit } from '../shared/transaction.ts';
import type { Ctx } from '../shared/context.ts';
import type { TicketRow } from '../tickets/tickets.repo.ts';
import { checkTicketSlaTask } from './check-ticket-sla.task.ts';
import { effectivePolicy } from './effective-policy.ts';
import { parsePauses, pausesAfter, slaColumns, slaState, type SlaColumns, type TargetState } from './ticket-sla.ts';

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
  const states = slaState(policy, facts, Date.parse(at));
  await queueTimers(tx, t.id, states);
  return slaColumns(states, facts, t, null);
}

/** One job per running target's near-breach and breach instants, in one insert; past ones run at once (and wake the worker). */
async function queueTimers(tx: Ctx, ticketId: string, states: TargetState[]): Promise<void> {
  const jobs: NewJob[] = [];
  for (const s of states) {
    if (!s.running) continue;
    for (const [kind, at] of [['warning', s.warnAt], ['breach', s.clock.dueAt]] as const) {
      if (at === null) continue;
      const runAt = new Date(at);
      jobs.push({ tenantId: tx.tenantId, name: checkTicketSlaTask.name, payload: { ticketId }, runAt, uniqueKey: `sla:${ticketId}:${s.target}:${kind}:${runAt.toISOString()}` });
    }
  }
  await insertJobs(tx.db, jobs);
  if (jobs.some((j) => j.runAt!.getTime() <= Date.now())) afterCommit(tx, tx.onJobsEnqueued);
}
