/**
 * The audit log's period: whole days in the person's time zone (yyyy-mm-dd from the date
 * inputs), sent to the API as instants: `since` the start of the first day, `until` the
 * start of the day after the last (the API's until is exclusive).
 */
export interface Period { from?: string; to?: string }

/** Local midnight of a day, `days` later, as UTC ISO text. */
const midnight = (day: string, days = 0): string => {
  const at = new Date(`${day}T00:00:00`);
  at.setDate(at.getDate() + days);
  return at.toISOString();
};

export function periodQuery(p: Period): { since?: string; until?: string } {
  return { since: p.from ? midnight(p.from) : undefined, until: p.to ? midnight(p.to, 1) : undefined };
}
