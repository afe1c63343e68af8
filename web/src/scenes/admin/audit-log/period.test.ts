import { describe, expect, it } from 'vitest';
import { periodQuery } from './period.ts';

const local = (day: string, time: string) => new Date(`${day}T${time}`).getTime();

describe('the audit log period', () => {
  it('starts at the first day’s local midnight and ends where the day after the last begins', () => {
    const { since, until } = periodQuery({ from: '2026-03-10', to: '2026-03-12' });
    expect(Date.parse(since ?? '')).toBe(local('2026-03-10', '00:00:00'));
    expect(Date.parse(until ?? '')).toBe(local('2026-03-13', '00:00:00'));
    expect(since).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
  it('keeps a one-day period whole, across a month end', () => {
    const { since, until } = periodQuery({ from: '2026-03-31', to: '2026-03-31' });
    expect(Date.parse(since ?? '')).toBe(local('2026-03-31', '00:00:00'));
    expect(Date.parse(until ?? '')).toBe(local('2026-04-01', '00:00:00'));
  });
  it('leaves out a bound nobody set', () => {
    expect(periodQuery({})).toEqual({ since: undefined, until: undefined });
    expect(periodQuery({ to: '2026-03-12' }).since).toBeUndefined();
  });
});
