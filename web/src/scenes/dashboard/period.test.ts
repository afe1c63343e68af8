import { describe, expect, it } from 'vitest';
import { daysBefore, intervalFor, localDay, scopeFrom, spanDays } from './period.ts';

const scope = (query: string) => scopeFrom(new URLSearchParams(query), '2026-03-31');

describe('the dashboard period', () => {
  it('is the last 30 days, today included, when the address says nothing', () => {
    expect(scope('')).toEqual({ period: '30', from: '2026-03-02', to: '2026-03-31', department: undefined, agent: undefined });
    expect(spanDays('2026-03-02', '2026-03-31')).toBe(30);
  });

  it('takes the presets and keeps department and agent', () => {
    expect(scope('period=7&department=3&agent=abc')).toEqual({ period: '7', from: '2026-03-25', to: '2026-03-31', department: '3', agent: 'abc' });
    expect(scope('period=90').from).toBe('2026-01-01');
  });

  it('takes a custom range only when both days are there and in order', () => {
    expect(scope('period=custom&from=2026-01-10&to=2026-02-05')).toMatchObject({ period: 'custom', from: '2026-01-10', to: '2026-02-05' });
    expect(scope('period=custom&from=2026-02-10&to=2026-02-05')).toMatchObject({ period: '30', from: '2026-03-02' });
    expect(scope('period=custom&from=2026-02-10')).toMatchObject({ period: '30' });
    expect(scope('period=365')).toMatchObject({ period: '30' });
  });

  it('counts days across month and year ends', () => {
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(daysBefore('2026-01-01', 1)).toBe('2025-12-31');
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('steps the series by day, week or month as the period grows', () => {
    expect(intervalFor('2026-03-02', '2026-03-31')).toBe('day');
    expect(intervalFor('2026-01-01', '2026-03-31')).toBe('week');
    expect(intervalFor('2025-01-01', '2026-03-31')).toBe('month');
  });
});
