/**
 * The UTC offsets of a time zone over time, for the report rollup's triggers (migration
 * 030): SQLite has no time zones, so each tenant's zone is written out as rows
 * (starts_at, offset_minutes) and a trigger reads the row in force at a ticket's time.
 * The first row starts in year 1000 with the offset of 1970; later rows at each change of
 * clocks found between 1970 and 2100 (a day at a time, then to the minute).
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export interface ZoneOffset { startsAt: string; offsetMinutes: number }

const MINUTE = 60_000;
const DAY = 86_400_000;
const FIRST = Date.UTC(1970, 0, 1);
const LAST = Date.UTC(2100, 0, 1);

function offsetMinutesAt(f: Intl.DateTimeFormat, instant: number): number {
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(instant))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / MINUTE);
}

/** Every offset of the zone from 1970 to 2100, the first one standing for all earlier times. */
export function zoneOffsets(timeZone: string): ZoneOffset[] {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  let offset = offsetMinutesAt(f, FIRST);
  const out: ZoneOffset[] = [{ startsAt: '1000-01-01T00:00:00.000Z', offsetMinutes: offset }];
  for (let t = FIRST; t < LAST; t += DAY) {
    if (offsetMinutesAt(f, t + DAY) === offset) continue;
    let lo = t, hi = t + DAY; // offset at lo is the old one, at hi the new one
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / (2 * MINUTE)) * MINUTE;
      if (offsetMinutesAt(f, mid) === offset) lo = mid; else hi = mid;
    }
    offset = offsetMinutesAt(f, hi);
    out.push({ startsAt: new Date(hi).toISOString(), offsetMinutes: offset });
  }
  return out;
}

/** Replaces the tenant's offsets and records the zone they are of. */
export async function storeZoneOffsets(db: Db, tenantId: string, timeZone: string): Promise<void> {
  await db.deleteFrom('report_day_offsets').where('tenant_id', '=', tenantId).execute();
  const rows = zoneOffsets(timeZone).map((o) => ({ tenant_id: tenantId, starts_at: o.startsAt, offset_minutes: o.offsetMinutes }));
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('report_day_offsets').values(rows.slice(i, i + 200)).execute();
  await db.insertInto('report_day_zones').values({ tenant_id: tenantId, time_zone: timeZone })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ time_zone: timeZone })).execute();
}

/** The zone a tenant's reports use (settings, migration 001): 'UTC' unless set. */
export async function settingsTimeZone(db: Db, tenantId: string): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('tenant_id', '=', tenantId).where('key', '=', 'report_time_zone').executeTakeFirst();
  return row ? String(JSON.parse(row.value)) : 'UTC';
}
