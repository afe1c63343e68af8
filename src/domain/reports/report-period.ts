/**
 * A report's period: inclusive local days `from`..`to` in the tenant's time zone, as the
 * instants [start, end) the queries compare with, and the stretches of it where the zone's
 * offset from UTC is constant (so a query can group by local day with plain arithmetic on
 * both engines: SQLite has no time zones).
 */
import { ValidationError } from '../shared/errors.ts';
import { addDays, formatLocalDate, instantOf, offsetAt, wallTime, type LocalDate } from '../sla/zoned-time.ts';

export interface ReportPeriod {
  from: string; to: string; timeZone: string;
  /** ISO instants: the first local midnight, and the midnight after the last day. */
  start: string; end: string;
  /** Stretches [start, end) with one UTC offset (minutes), covering the period in order. */
  segments: Array<{ start: string; end: string; offsetMinutes: number }>;
}

/** The longest period a report covers (three years of days). */
export const MAX_PERIOD_DAYS = 1100;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(field: string, value: string): LocalDate {
  const m = DATE.exec(value);
  const d = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  if (!d || formatLocalDate(addDays(d, 0)) !== value) throw ValidationError.field(field, 'must be a date like 2026-12-31');
  return d;
}

const midnight = (d: LocalDate, tz: string) => instantOf({ ...d, hour: 0, minute: 0 }, tz);
const daysBetween = (a: LocalDate, b: LocalDate) => Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);

/** The period asked for; by default the 30 days ending today (local). */
export function reportPeriod(q: { from?: string; to?: string }, timeZone: string, now: Date = new Date()): ReportPeriod {
  const today = wallTime(now.getTime(), timeZone);
  const to = q.to ? parseDate('to', q.to) : { year: today.year, month: today.month, day: today.day };
  const from = q.from ? parseDate('from', q.from) : addDays(to, -29);
  const days = daysBetween(from, to);
  if (days < 0) throw ValidationError.field('from', 'must not be after to');
  if (days >= MAX_PERIOD_DAYS) throw ValidationError.field('from', `a period is at most ${MAX_PERIOD_DAYS} days`);
  const start = midnight(from, timeZone);
  const end = midnight(addDays(to, 1), timeZone);
  return {
    from: formatLocalDate(from), to: formatLocalDate(to), timeZone,
    start: new Date(start).toISOString(), end: new Date(end).toISOString(),
    segments: offsetSegments(start, end, timeZone),
  };
}

/** Splits [start, end) where the zone's offset changes (found to the minute). */
function offsetSegments(start: number, end: number, tz: string): ReportPeriod['segments'] {
  const out: ReportPeriod['segments'] = [];
  let segStart = start;
  let offset = offsetAt(start, tz);
  for (let t = start; t < end;) {
    const next = Math.min(t + 6 * 3_600_000, end);
    if (next < end && offsetAt(next, tz) !== offset) {
      let lo = t, hi = next; // offset(lo) === offset, offset(hi) differs
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (offsetAt(mid, tz) === offset) lo = mid; else hi = mid;
      }
      out.push({ start: new Date(segStart).toISOString(), end: new Date(hi).toISOString(), offsetMinutes: offset / 60_000 });
      segStart = hi;
      offset = offsetAt(hi, tz);
    }
    t = next;
  }
  out.push({ start: new Date(segStart).toISOString(), end: new Date(end).toISOString(), offsetMinutes: offset / 60_000 });
  return out;
}

/** Every local day of the period, "YYYY-MM-DD", in order. */
export function periodDays(p: ReportPeriod): string[] {
  const from = parseDate('from', p.from);
  const n = daysBetween(from, parseDate('to', p.to));
  return Array.from({ length: n + 1 }, (_, i) => formatLocalDate(addDays(from, i)));
}
