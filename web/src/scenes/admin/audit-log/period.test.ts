import { describe, expect, it } from 'vitest';
import { inPeriod, nextStep } from './period.ts';

const at = (day: string, time = '12:00:00') => ({ created_at: new Date(`${day}T${time}`).toISOString() });

describe('the audit log period', () => {
  const p = { from: '2026-03-10', to: '2026-03-12' };
  it('includes both whole days of its bounds', () => {
    expect(inPeriod(at('2026-03-10', '00:00:01').created_at, p)).toBe(true);
    expect(inPeriod(at('2026-03-12', '23:59:00').created_at, p)).toBe(true);
    expect(inPeriod(at('2026-03-09', '23:59:00').created_at, p)).toBe(false);
    expect(inPeriod(at('2026-03-13', '00:00:01').created_at, p)).toBe(false);
    expect(inPeriod(at('2020-01-01').created_at, {})).toBe(true);
  });
  it('reads on while everything loaded is newer than the period', () => {
    expect(nextStep([at('2026-03-20'), at('2026-03-15')], p, true)).toBe('more');
    expect(nextStep([], p, true)).toBe('more');
  });
  it('stops once an entry is older than the period, or when there is no more', () => {
    expect(nextStep([at('2026-03-11'), at('2026-03-01')], p, true)).toBe('done');
    expect(nextStep([at('2026-03-20')], p, false)).toBe('done');
  });
  it('waits for the person inside the period', () => {
    expect(nextStep([at('2026-03-12'), at('2026-03-11')], p, true)).toBe('wait');
    expect(nextStep([at('2026-03-11')], {}, true)).toBe('wait');
  });
});
