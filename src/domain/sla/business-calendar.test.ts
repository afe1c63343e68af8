import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessHoursSchema, businessTimeBetween, type BusinessHours } from './business-calendar.ts';
import { instantOf, offsetAt, wallTime } from './zoned-time.ts';

const H = 3_600_000;
const M = 60_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

/** Monday to Friday, 09:00–17:00 in a zone. */
const officeHours = (time_zone: string, holidays: string[] = []): BusinessHours =>
  businessHoursSchema.parse({ time_zone, week: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })), holidays });
const allDay = (time_zone: string): BusinessHours =>
  businessHoursSchema.parse({ time_zone, week: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })) });

describe('zoned time', () => {
  it('reads and writes local time, with half-hour offsets and both hemispheres', () => {
    expect(wallTime(at('2026-07-01T12:00:00Z'), 'Europe/Madrid')).toMatchObject({ year: 2026, month: 7, day: 1, hour: 14, minute: 0 });
    expect(offsetAt(at('2026-01-15T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * H);
    expect(offsetAt(at('2026-01-15T00:00:00Z'), 'Australia/Sydney')).toBe(11 * H); // southern summer
    expect(offsetAt(at('2026-07-15T00:00:00Z'), 'Australia/Sydney')).toBe(10 * H);
    expect(iso(instantOf({ year: 2026, month: 12, day: 1, hour: 9, minute: 30 }, 'America/Sao_Paulo'))).toBe('2026-12-01T12:30:00.000Z');
  });

  it('moves a skipped local time forward by the gap, and takes the earlier of a repeated one', () => {
    // New York, 2026-03-08: 02:00 EST becomes 03:00 EDT; 02:30 does not exist.
    expect(iso(instantOf({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z'); // = 03:30 EDT
    // New York, 2026-11-01: 02:00 EDT becomes 01:00 EST; 01:30 happens twice.
    expect(iso(instantOf({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z'); // the EDT one
  });
});

describe('business calendar', () => {
  it('around the clock (null) is plain time', () => {
    expect(iso(addBusinessTime(null, at('2026-12-04T16:00:00Z'), 4 * H))).toBe('2026-12-04T20:00:00.000Z');
    expect(businessTimeBetween(null, at('2026-12-04T16:00:00Z'), at('2026-12-05T16:00:00Z'))).toBe(24 * H);
  });

  it('carries a target over the weekend: Friday 16:00 in Madrid + 4 h = Monday 12:00', () => {
    const madrid = officeHours('Europe/Madrid');
    const friday4pm = instantOf({ year: 2026, month: 12, day: 4, hour: 16, minute: 0 }, 'Europe/Madrid');
    const due = addBusinessTime(madrid, friday4pm, 4 * H);
    expect(wallTime(due, 'Europe/Madrid')).toMatchObject({ year: 2026, month: 12, day: 7, hour: 12, minute: 0 });
    expect(businessTimeBetween(madrid, friday4pm, due)).toBe(4 * H);
  });

  it('starts the clock at opening when the ticket comes in at night, and skips holidays', () => {
    const lisbon = officeHours('Europe/Lisbon', ['2026-12-08']); // a Tuesday
    const mondayNight = instantOf({ year: 2026, month: 12, day: 7, hour: 22, minute: 15 }, 'Europe/Lisbon');
    const due = addBusinessTime(lisbon, mondayNight, 1 * H);
    expect(wallTime(due, 'Europe/Lisbon')).toMatchObject({ day: 9, hour: 10, minute: 0 }); // Wednesday, the holiday skipped
    expect(businessTimeBetween(lisbon, mondayNight, instantOf({ year: 2026, month: 12, day: 9, hour: 9, minute: 0 }, 'Europe/Lisbon'))).toBe(0);
  });

  it('keeps local hours across changes of clocks: a day is 23 or 25 hours long', () => {
    const ny = allDay('America/New_York');
    const day = (d: number, m: number) => [instantOf({ year: 2026, month: m, day: d, hour: 0, minute: 0 }, 'America/New_York'), instantOf({ year: 2026, month: m, day: d + 1, hour: 0, minute: 0 }, 'America/New_York')] as const;
    expect(businessTimeBetween(ny, ...day(8, 3))).toBe(23 * H);
    expect(businessTimeBetween(ny, ...day(1, 11))).toBe(25 * H);
    expect(businessTimeBetween(ny, ...day(2, 11))).toBe(24 * H);
    // A window across the skipped hour is an hour shorter; office hours the change does not touch stay 8 h.
    const night = businessHoursSchema.parse({ time_zone: 'America/New_York', week: [{ day: 0, start: '01:00', end: '04:00' }] });
    expect(businessTimeBetween(night, ...day(8, 3))).toBe(2 * H);
    expect(businessTimeBetween(officeHours('America/New_York'), ...day(9, 3))).toBe(8 * H);
  });

  it('adds and measures consistently from any start, for many durations', () => {
    const calendars = [null, officeHours('Europe/Madrid', ['2026-12-25', '2027-01-01']), officeHours('Australia/Sydney'), allDay('America/New_York')];
    let seed = 7;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    for (const calendar of calendars) {
      for (let i = 0; i < 60; i++) {
        const from = at('2026-10-20T00:00:00Z') + Math.floor(random() * 180 * 24) * 17 * M;
        const duration = Math.floor(random() * 72 * 60) * M;
        const due = addBusinessTime(calendar, from, duration);
        expect(businessTimeBetween(calendar, from, due), `${calendar?.time_zone} from ${iso(from)} + ${duration / M} min`).toBe(duration);
        expect(due).toBeGreaterThanOrEqual(from + duration * (calendar ? 0 : 1));
      }
    }
  });

  it('refuses calendars that make no sense, each with its reason', () => {
    const problems = (input: unknown) => businessHoursSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems({ time_zone: 'Mars/Olympus', week: [{ day: 1, start: '09:00', end: '17:00' }] })).toEqual(['time_zone: must be an IANA time zone like Europe/Madrid']);
    expect(problems({ time_zone: 'UTC', week: [] })).toEqual(['week: needs at least one opening window']);
    expect(problems({ time_zone: 'UTC', week: [{ day: 1, start: '17:00', end: '09:00' }] })).toEqual(['week.0: start must be before end']);
    expect(problems({ time_zone: 'UTC', week: [{ day: 1, start: '9:00', end: '25:00' }] })).toEqual(['week.0.start: must be HH:MM', 'week.0.end: must be HH:MM (24:00 for midnight)']);
    expect(problems({ time_zone: 'UTC', week: [{ day: 1, start: '09:00', end: '13:00' }, { day: 1, start: '12:00', end: '17:00' }] })).toEqual(['week: windows overlap on day 1']);
    expect(problems({ time_zone: 'UTC', week: [{ day: 1, start: '09:00', end: '17:00' }], holidays: ['2026-02-30'] })).toEqual(['holidays.0: is not a date']);
  });
});
