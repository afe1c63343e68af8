import { describe, expect, it } from 'vitest';
import { businessHoursSchema } from './business-calendar.ts';
import { slaClock } from './sla-clock.ts';
import { instantOf, wallTime } from './zoned-time.ts';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const office = businessHoursSchema.parse({ time_zone: 'Europe/Madrid', week: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })) });
const madrid = (day: number, hour: number, minute = 0) => instantOf({ year: 2026, month: 12, day, hour, minute }, 'Europe/Madrid');

describe('an SLA clock', () => {
  it('runs in plain time around the clock: 80% used after 3.2 h of a 4 h target, breached after 4 h', () => {
    const startedAt = at('2026-12-01T08:00:00Z');
    const near = slaClock({ calendar: null, startedAt, target: 4 * H, pauses: [], now: startedAt + 3.2 * H });
    expect(near).toMatchObject({ breached: false, paused: false, dueAt: startedAt + 4 * H });
    expect(near.fraction).toBeCloseTo(0.8);
    const late = slaClock({ calendar: null, startedAt, target: 4 * H, pauses: [], now: startedAt + 5 * H });
    expect(late).toMatchObject({ breached: true, remaining: -1 * H, dueAt: startedAt + 4 * H });
  });

  it('stands still while paused, and moves its due time by the paused open time', () => {
    // Tuesday 10:00, 4 h target: due 14:00; paused 11:00–13:00 (waiting on the customer) → due 16:00.
    const clock = slaClock({ calendar: office, startedAt: madrid(1, 10), target: 4 * H, pauses: [{ from: madrid(1, 11), to: madrid(1, 13) }], now: madrid(1, 13, 30) });
    expect(clock.elapsed).toBe(1.5 * H);
    expect(wallTime(clock.dueAt!, 'Europe/Madrid')).toMatchObject({ day: 1, hour: 16, minute: 0 });
    // A pause over the night costs nothing more than the open time it covers: 16:00 → next day 10:00 is 2 open hours.
    const overnight = slaClock({ calendar: office, startedAt: madrid(1, 10), target: 8 * H, pauses: [{ from: madrid(1, 16), to: madrid(2, 10) }], now: madrid(2, 11) });
    expect(overnight.elapsed).toBe(7 * H);
    expect(wallTime(overnight.dueAt!, 'Europe/Madrid')).toMatchObject({ day: 2, hour: 12 });
  });

  it('has no due time while a pause is going on, unless the target was already missed', () => {
    const waiting = slaClock({ calendar: office, startedAt: madrid(1, 10), target: 4 * H, pauses: [{ from: madrid(1, 11), to: null }], now: madrid(3, 10) });
    expect(waiting).toMatchObject({ paused: true, breached: false, dueAt: null, elapsed: 1 * H });
    const missed = slaClock({ calendar: office, startedAt: madrid(1, 10), target: 2 * H, pauses: [{ from: madrid(1, 13), to: null }], now: madrid(2, 10) });
    expect(missed).toMatchObject({ paused: true, breached: true, dueAt: madrid(1, 12), elapsed: 3 * H });
  });

  it('merges overlapping pauses and ignores those before the start', () => {
    const clock = slaClock({
      calendar: null, startedAt: at('2026-12-01T10:00:00Z'), target: 10 * H, now: at('2026-12-01T20:00:00Z'),
      pauses: [{ from: at('2026-12-01T08:00:00Z'), to: at('2026-12-01T11:00:00Z') }, { from: at('2026-12-01T12:00:00Z'), to: at('2026-12-01T14:00:00Z') }, { from: at('2026-12-01T13:00:00Z'), to: at('2026-12-01T15:00:00Z') }],
    });
    expect(clock.elapsed).toBe(10 * H - 1 * H - 3 * H);
    expect(clock.dueAt).toBe(at('2026-12-02T00:00:00Z'));
  });
});
