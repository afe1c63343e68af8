/**
 * Wall-clock time in an IANA time zone, with nothing but Intl: the local date and time of
 * an instant, and the instant of a local date and time. A local time that does not exist
 * (the hour skipped when clocks go forward) moves forward by the gap; a local time that
 * happens twice (the hour repeated when clocks go back) is the earlier one — the
 * "compatible" rule of RFC 5545 and Temporal.
 */

export interface LocalDate { year: number; month: number; day: number }
export interface LocalDateTime extends LocalDate { hour: number; minute: number }

const formatters = new Map<string, Intl.DateTimeFormat>();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a time zone this runtime knows ("Europe/Madrid", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try { formatterFor(timeZone); return true; } catch { return false; }
}

/** The local date and time of an instant (ms since the epoch) in a zone, to the second. */
export function wallTime(instant: number, timeZone: string): LocalDateTime & { second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** How far the zone's clock is ahead of UTC at an instant, in ms (Madrid in summer: +2 h). */
export function offsetAt(instant: number, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  const wholeSeconds = Math.floor(instant / 1000) * 1000;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - wholeSeconds;
}

/**
 * Answers already worked out, by zone and local time: SLA clocks ask for the same opening
 * and closing times of the same days again and again (every ticket of a day walks that
 * day's windows), and each answer costs several Intl calls. Exact keys, so a cached answer
 * is the answer; bounded, emptied when full.
 */
const instants = new Map<string, number>();
const MAX_CACHED_INSTANTS = 20_000;

/** The instant of a local date and time in a zone (see the rule for skipped and repeated times above). */
export function instantOf(local: LocalDateTime, timeZone: string): number {
  const key = `${timeZone}|${local.year}-${local.month}-${local.day} ${local.hour}:${local.minute}`;
  const cached = instants.get(key);
  if (cached !== undefined) return cached;
  const instant = computeInstant(local, timeZone);
  if (instants.size >= MAX_CACHED_INSTANTS) instants.clear();
  instants.set(key, instant);
  return instant;
}

function computeInstant(local: LocalDateTime, timeZone: string): number {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const before = offsetAt(asUtc - DAY, timeZone);
  const after = offsetAt(asUtc + DAY, timeZone);
  const fits = [before, after].map((o) => asUtc - o).filter((t) => offsetAt(t, timeZone) === asUtc - t);
  if (fits.length) return Math.min(...fits);
  // Skipped by a change of clocks: read with the offset in force before it, i.e. moved forward by the gap.
  return asUtc - before;
}

/** The local date a given number of days after another (calendar arithmetic, no zone involved). */
export function addDays(date: LocalDate, days: number): LocalDate & { weekday: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** "2026-12-24" */
export const formatLocalDate = (d: LocalDate): string =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
