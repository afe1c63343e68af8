/**
 * The dashboard's scope as it lives in the address: `?period=7|30|90` (the last so many
 * days, today included; 30 when absent) or `?period=custom&from=YYYY-MM-DD&to=YYYY-MM-DD`,
 * plus `department` and `agent`. Pure, so the rules are unit-tested without a browser.
 */
import type { Interval, ReportScope } from '../../api/reports.ts';

export const PRESETS = ['7', '30', '90'] as const;
export type PeriodKey = (typeof PRESETS)[number] | 'custom';
export const DEFAULT_PERIOD: PeriodKey = '30';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day as YYYY-MM-DD in the person's own calendar. */
export function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The day `days` before `day` (YYYY-MM-DD, calendar arithmetic, no time zone involved). */
export function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** How many days a period spans, both ends included. */
export function spanDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export interface DashboardScope extends ReportScope { period: PeriodKey }

/** The scope the address asks for; a custom period with a missing or reversed day falls back to the default. */
export function scopeFrom(params: URLSearchParams, today: string): DashboardScope {
  const department = params.get('department') || undefined;
  const agent = params.get('agent') || undefined;
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const asked = params.get('period');
  if (asked === 'custom' && DAY.test(from) && DAY.test(to) && from <= to) return { period: 'custom', from, to, department, agent };
  const period = (PRESETS as readonly string[]).includes(asked ?? '') ? asked as PeriodKey : DEFAULT_PERIOD;
  const days = Number(period === 'custom' ? DEFAULT_PERIOD : period);
  return { period: period === 'custom' ? DEFAULT_PERIOD : period, from: daysBefore(today, days - 1), to: today, department, agent };
}

/** The series' step that keeps a chart readable: days up to a month, weeks up to half a year, then months. */
export function intervalFor(from: string, to: string): Interval {
  const days = spanDays(from, to);
  return days <= 31 ? 'day' : days <= 183 ? 'week' : 'month';
}
