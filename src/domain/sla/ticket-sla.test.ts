import { describe, expect, it } from 'vitest';
import { BUILT_IN_POLICY } from './sla-policy-values.ts';
import { pausesAfter, slaColumns, slaState, type PauseRecord } from './ticket-sla.ts';

const H = 3_600_000;
const t0 = Date.parse('2026-12-01T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const facts = (over: { status?: string; pauses?: PauseRecord[]; first_response_at?: string | null }) =>
  ({ created_at: iso(t0), priority: 'critical', status: 'open', first_response_at: null, pauses: [], ...over });

describe("a ticket's SLA state", () => {
  it('keeps status intervals: the open one closes on the next change', () => {
    let p = pausesAfter([], null, 'pending', iso(t0));
    p = pausesAfter(p, 'pending', 'on_hold', iso(t0 + H));
    p = pausesAfter(p, 'on_hold', 'open', iso(t0 + 2 * H));
    expect(p).toEqual([['pending', iso(t0), iso(t0 + H)], ['on_hold', iso(t0 + H), iso(t0 + 2 * H)]]);
    expect(pausesAfter(p, 'open', 'open', iso(t0 + 3 * H))).toEqual(p);
  });

  it('only pauses on the policy statuses: pending counts, on hold does not when the policy says so', () => {
    const pauses: PauseRecord[] = [['pending', iso(t0), iso(t0 + H)], ['on_hold', iso(t0 + H), iso(t0 + 2 * H)]];
    const [, resolution] = slaState({ ...BUILT_IN_POLICY, pauseStatuses: ['pending'] }, facts({ pauses }), t0 + 3 * H);
    expect(resolution.clock.dueAt).toBe(t0 + 5 * H);
  });

  it('reopened after resolution: the clocks run on, the time resolved does not count, a miss stays', () => {
    const pauses: PauseRecord[] = [['resolved', iso(t0 + H), iso(t0 + 11 * H)]];
    const [first, resolution] = slaState(BUILT_IN_POLICY, facts({ pauses }), t0 + 12 * H);
    expect(resolution).toMatchObject({ running: true });
    expect(resolution.clock.elapsed).toBe(2 * H);
    expect(resolution.clock.dueAt).toBe(t0 + 14 * H);
    expect(first.clock.breached).toBe(true);
    const cols = slaColumns([first, resolution], facts({ pauses }), { first_response_breached_at: null, resolution_breached_at: null }, t0 + 12 * H);
    expect(cols).toMatchObject({ first_response_breached_at: iso(t0 + H), resolution_due_at: iso(t0 + 14 * H), resolution_breached_at: null, sla_next_check_at: iso(t0 + 13.2 * H) });
  });

  it('a resolved ticket has no running clock and no due time', () => {
    const states = slaState(BUILT_IN_POLICY, facts({ status: 'resolved', pauses: [['resolved', iso(t0 + H / 2), null]] }), t0 + 10 * H);
    expect(states.map((s) => s.running)).toEqual([false, false]);
    expect(slaColumns(states, facts({}), { first_response_breached_at: null, resolution_breached_at: null }, null))
      .toMatchObject({ sla_due_at: null, sla_next_check_at: null, first_response_breached_at: null });
  });
});
