/**
 * One SLA target's clock (issue 11): it starts when the ticket is created, runs only in
 * the calendar's open time, stands still while the ticket is paused (waiting on the
 * customer, on hold: the caller says which intervals), and is due once `target` ms of
 * running time have passed. The state is computed from the facts each time, never kept
 * in a timer, so any instance computes the same answer.
 */
import { businessTimeBetween, openIntervals, type Calendar } from './business-calendar.ts';

export interface Pause { from: number; to: number | null }

export interface SlaClockInput {
  calendar: Calendar;
  startedAt: number;
  /** The target in running (open, unpaused) time, ms. */
  target: number;
  /** When the clock stood still; `to: null` is a pause still going on. */
  pauses: readonly Pause[];
  now: number;
}

export interface SlaClockState {
  /** Running time so far, ms. */
  elapsed: number;
  /** Target minus elapsed (negative once breached), ms. */
  remaining: number;
  /** When the target is (or was) reached; null while paused and not yet breached (it depends on when the pause ends). */
  dueAt: number | null;
  paused: boolean;
  breached: boolean;
  /** elapsed / target: 0.8 is the default near-breach mark. */
  fraction: number;
}

/** Pauses sorted, clipped to [startedAt, now], open ones closed at now, overlaps merged. */
function normalise(pauses: readonly Pause[], startedAt: number, now: number): Array<[number, number]> {
  const spans = pauses
    .map((p): [number, number] => [Math.max(p.from, startedAt), Math.min(p.to ?? now, now)])
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

/** Open time minus pauses, from startedAt onwards (pauses only known up to now). */
function* runningIntervals(calendar: Calendar, startedAt: number, pauses: Array<[number, number]>): Generator<[number, number]> {
  let p = 0;
  for (const [start, end] of openIntervals(calendar, startedAt)) {
    let cursor = start;
    while (p < pauses.length && pauses[p][1] <= cursor) p++;
    for (let q = p; q < pauses.length && pauses[q][0] < end; q++) {
      if (pauses[q][0] > cursor) yield [cursor, pauses[q][0]];
      cursor = Math.max(cursor, pauses[q][1]);
    }
    if (cursor < end) yield [cursor, end];
  }
}

export function slaClock(input: SlaClockInput): SlaClockState {
  const { calendar, startedAt, target, now } = input;
  const pauses = normalise(input.pauses, startedAt, now);
  const paused = input.pauses.some((p) => p.to === null && p.from <= now);
  const elapsed = Math.max(0, businessTimeBetween(calendar, startedAt, now) - pauses.reduce((sum, [a, b]) => sum + businessTimeBetween(calendar, a, b), 0));
  const remaining = target - elapsed;
  const breached = remaining <= 0;
  let dueAt: number | null = null;
  if (breached || !paused) {
    let left = target;
    for (const [a, b] of runningIntervals(calendar, startedAt, pauses)) {
      if (b - a >= left) { dueAt = a + left; break; }
      left -= b - a;
    }
  }
  return { elapsed, remaining, dueAt, paused, breached, fraction: target > 0 ? elapsed / target : 1 };
}
