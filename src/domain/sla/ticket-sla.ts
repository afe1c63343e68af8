/**
 * A ticket's SLA state from the facts (docs/sla.md), with nothing stored but the facts:
 * its policy, priority, creation time, status history (the pauses) and first reply.
 *
 * - Both clocks start when the ticket is created and run in the policy's open time.
 * - They stand still while the status is one of the policy's pause statuses, and while the
 *   ticket is resolved or closed. The first agent reply stops the first-response clock.
 * - Reopening a resolved ticket lets the clocks run on from where they stood: the time spent
 *   resolved does not count, the time before does (a reopened ticket keeps its breaches).
 * - A due time is shown while its clock can still run (not stopped, not resolved); a clock
 *   paused before its due time has none until it runs again.
 */
import { slaClock, type Pause, type SlaClockState } from './sla-clock.ts';
import { calendarOf, SLA_TARGETS, type EffectivePolicy, type SlaTarget } from './sla-policy-values.ts';
import type { Priority } from '../tickets/ticket-values.ts';

/** A status interval the clocks may stand still in: [status, from, to or null while it lasts]. */
export type PauseRecord = [status: string, from: string, to: string | null];

/** The statuses whose intervals are kept: those a policy may pause on, and the two that stop the clocks. */
const RECORDED = ['pending', 'on_hold', 'resolved', 'closed'];
const DONE = ['resolved', 'closed'];

/** The ticket's facts the clocks read. */
export interface SlaFacts {
  created_at: string;
  priority: string;
  status: string;
  first_response_at: string | null;
  pauses: readonly PauseRecord[];
}

export interface TargetState {
  target: SlaTarget;
  /** The clock may still run: not stopped by the first reply, the ticket not resolved or closed. */
  running: boolean;
  clock: SlaClockState;
  /** When the clock reaches the near-breach mark (null while paused before it). */
  warnAt: number | null;
}

export function parsePauses(json: string | null): PauseRecord[] {
  if (!json) return [];
  try { return JSON.parse(json) as PauseRecord[]; } catch { return []; }
}

/** The pauses after a status change at `at`: the open one ends, a new one begins if the new status is kept. */
export function pausesAfter(pauses: readonly PauseRecord[], from: string | null, to: string, at: string): PauseRecord[] {
  if (from === to) return [...pauses];
  const out = pauses.map((p): PauseRecord => (p[2] === null ? [p[0], p[1], at] : p));
  if (RECORDED.includes(to)) out.push([to, at, null]);
  return out;
}

/** The state of both targets at `now`. */
export function slaState(policy: EffectivePolicy, facts: SlaFacts, now: number): TargetState[] {
  const calendar = calendarOf(policy);
  const pausing = new Set([...policy.pauseStatuses, ...DONE]);
  const pauses: Pause[] = facts.pauses.filter((p) => pausing.has(p[0])).map((p) => ({ from: Date.parse(p[1]), to: p[2] === null ? null : Date.parse(p[2]) }));
  const startedAt = Date.parse(facts.created_at);
  const targets = policy.targets[facts.priority as Priority] ?? policy.targets.medium;
  return SLA_TARGETS.map((target) => {
    const stoppedAt = target === 'first_response' && facts.first_response_at ? Date.parse(facts.first_response_at) : null;
    const at = stoppedAt ?? now;
    const ms = targets[target] * 60_000;
    const clock = slaClock({ calendar, startedAt, target: ms, pauses, now: at });
    const warn = slaClock({ calendar, startedAt, target: ms * policy.nearBreach, pauses, now: at });
    return { target, running: stoppedAt === null && !DONE.includes(facts.status), clock, warnAt: warn.dueAt };
  });
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface SlaColumns {
  first_response_due_at: string | null; resolution_due_at: string | null;
  first_response_breached_at: string | null; resolution_breached_at: string | null;
  sla_due_at: string | null; sla_next_check_at: string | null; sla_pauses: string | null;
}

/**
 * The ticket columns for a state. Breaches stay once recorded. `checkedAt`: the instant up to
 * which alerts were just checked (the next check is after it); null when nothing was checked
 * (every pending mark is still to check).
 */
export function slaColumns(states: TargetState[], facts: SlaFacts, before: Pick<SlaColumns, 'first_response_breached_at' | 'resolution_breached_at'>, checkedAt: number | null): SlaColumns {
  const cols: SlaColumns = {
    first_response_due_at: null, resolution_due_at: null,
    first_response_breached_at: before.first_response_breached_at, resolution_breached_at: before.resolution_breached_at,
    sla_due_at: null, sla_next_check_at: null, sla_pauses: facts.pauses.length ? JSON.stringify(facts.pauses) : null,
  };
  const dues: number[] = [];
  const checks: number[] = [];
  for (const s of states) {
    if (s.clock.breached && !cols[`${s.target}_breached_at`]) cols[`${s.target}_breached_at`] = iso(s.clock.dueAt);
    if (!s.running || s.clock.dueAt === null) continue;
    cols[`${s.target}_due_at`] = iso(s.clock.dueAt);
    dues.push(s.clock.dueAt);
    for (const mark of [s.warnAt, s.clock.dueAt]) if (mark !== null && (checkedAt === null || mark > checkedAt)) checks.push(mark);
  }
  cols.sla_due_at = dues.length ? iso(Math.min(...dues)) : null;
  cols.sla_next_check_at = checks.length ? iso(Math.min(...checks)) : null;
  return cols;
}
