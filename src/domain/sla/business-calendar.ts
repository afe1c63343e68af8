/**
 * Business hours for SLA clocks (issue 11, seed 000's SLA table): opening windows per
 * weekday in a policy's time zone, and holidays when the desk is closed all day. The
 * clock of a target only runs inside the windows; `null` is a calendar open around the
 * clock. Days are walked in local time, so a window keeps its local hours across changes
 * of clocks (09:00–17:00 is 8 hours on the day clocks change unless the change falls inside it).
 */
import { z } from 'zod';
import { addDays, formatLocalDate, instantOf, isTimeZone, wallTime, type LocalDate } from './zoned-time.ts';

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const isRealDate = (s: string): boolean => {
  const [y, m, d] = s.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

export const businessHoursSchema = z.object({
  time_zone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone like Europe/Madrid'),
  week: z.array(z.object({
    day: z.number().int().min(0).max(6).describe('0 Sunday … 6 Saturday'),
    start: z.string().regex(HHMM, 'must be HH:MM'),
    end: z.string().regex(HHMM, 'must be HH:MM (24:00 for midnight)'),
  }).refine((w) => !HHMM.test(w.start) || !HHMM.test(w.end) || minutesOf(w.start) < minutesOf(w.end), 'start must be before end')).min(1, 'needs at least one opening window').max(70),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').refine(isRealDate, 'is not a date')).max(1000).default([]),
}).superRefine((hours, ctx) => {
  for (let day = 0; day < 7; day++) {
    const windows = hours.week.filter((w) => w.day === day).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    for (let i = 1; i < windows.length; i++) {
      if (minutesOf(windows[i].start) < minutesOf(windows[i - 1].end)) ctx.addIssue({ code: 'custom', path: ['week'], message: `windows overlap on day ${day}` });
    }
  }
});

export type BusinessHours = z.infer<typeof businessHoursSchema>;
/** A calendar: business hours, or null for around the clock. */
export type Calendar = BusinessHours | null;

/** A calendar with no open time for this long is refused rather than walked for ever. */
const MAX_CLOSED_DAYS = 800;

/**
 * The open intervals [start, end) of the calendar from an instant onwards, in order,
 * clipped to `from` (and to `until` when given). Ends when `until` is reached.
 */
export function* openIntervals(calendar: Calendar, from: number, until = Infinity): Generator<[number, number]> {
  if (from >= until) return;
  if (!calendar) { yield [from, until]; return; }
  const zone = calendar.time_zone;
  const holidays = new Set(calendar.holidays);
  const byDay = Array.from({ length: 7 }, (_, day) => calendar.week.filter((w) => w.day === day).sort((a, b) => minutesOf(a.start) - minutesOf(b.start)));
  const w = wallTime(from, zone);
  const firstDay: LocalDate = { year: w.year, month: w.month, day: w.day };
  let closedDays = 0;
  for (let i = 0; ; i++) {
    const date = addDays(firstDay, i);
    const at = (minutes: number): number => {
      if (minutes === 24 * 60) { const next = addDays(date, 1); return instantOf({ ...next, hour: 0, minute: 0 }, zone); }
      return instantOf({ ...date, hour: Math.floor(minutes / 60), minute: minutes % 60 }, zone);
    };
    let openToday = false;
    if (!holidays.has(formatLocalDate(date))) {
      for (const window of byDay[date.weekday]) {
        const start = Math.max(at(minutesOf(window.start)), from);
        const end = Math.min(at(minutesOf(window.end)), until);
        if (start >= until) return;
        if (start < end) { openToday = true; yield [start, end]; }
      }
    }
    if (at(0) >= until) return;
    closedDays = openToday ? 0 : closedDays + 1;
    if (closedDays > MAX_CLOSED_DAYS) throw new Error(`The business calendar has no open time in ${MAX_CLOSED_DAYS} days`);
  }
}

/** The instant at which `duration` ms of open time have passed since `from`. */
export function addBusinessTime(calendar: Calendar, from: number, duration: number): number {
  if (duration <= 0) return from;
  let left = duration;
  for (const [start, end] of openIntervals(calendar, from)) {
    if (end - start >= left) return start + left;
    left -= end - start;
  }
  throw new Error('unreachable: openIntervals is endless without a bound');
}

/** Open time between two instants, in ms (0 when `to` is not after `from`). */
export function businessTimeBetween(calendar: Calendar, from: number, to: number): number {
  let total = 0;
  for (const [start, end] of openIntervals(calendar, from, to)) total += end - start;
  return total;
}
