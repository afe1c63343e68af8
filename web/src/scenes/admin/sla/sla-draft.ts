/** The form's state of a policy, and the API body it makes: hours per weekday (one window a day), holidays one per line. */
import { PRIORITY_ORDER, type SlaPolicy, type SlaPolicyBody } from './sla-types.ts';

export interface DayDraft { open: boolean; start: string; end: string }
export interface SlaDraft {
  name: string;
  scope: SlaPolicy['scope'];
  department: string;
  organisation: string;
  targets: SlaPolicy['targets'];
  aroundTheClock: boolean;
  days: DayDraft[];
  holidays: string;
  timeZone: string;
  pauses: SlaPolicy['pause_statuses'];
  nearBreachPercent: string;
}

const SEED: SlaPolicy['targets'] = {
  critical: { first_response: 60, resolution: 240 }, urgent: { first_response: 120, resolution: 480 }, high: { first_response: 240, resolution: 1440 },
  medium: { first_response: 480, resolution: 2880 }, low: { first_response: 1440, resolution: 4320 },
};

export const emptyDraft = (): SlaDraft => ({
  name: '', scope: 'default', department: '', organisation: '', targets: SEED, aroundTheClock: true,
  days: Array.from({ length: 7 }, (_, day) => ({ open: day >= 1 && day <= 5, start: '09:00', end: '17:00' })),
  holidays: '', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', pauses: ['pending', 'on_hold'], nearBreachPercent: '80',
});

export function draftOf(p: SlaPolicy): SlaDraft {
  const base = emptyDraft();
  return {
    ...base, name: p.name, scope: p.scope, department: p.department_id ? String(p.department_id) : '', organisation: p.organisation_id ?? '',
    targets: p.targets, aroundTheClock: p.business_hours === null, timeZone: p.time_zone, pauses: p.pause_statuses,
    nearBreachPercent: String(Math.round(p.near_breach * 100)),
    days: p.business_hours ? base.days.map((_, day) => {
      const w = p.business_hours!.week.find((x) => x.day === day);
      return w ? { open: true, start: w.start, end: w.end } : { ...base.days[day], open: false };
    }) : base.days,
    holidays: (p.business_hours?.holidays ?? []).join('\n'),
  };
}

export function bodyOf(d: SlaDraft): SlaPolicyBody {
  return {
    name: d.name.trim(), scope: d.scope,
    department_id: d.scope === 'department' && d.department ? Number(d.department) : null,
    organisation_id: d.scope === 'organisation' && d.organisation ? d.organisation : null,
    targets: Object.fromEntries(PRIORITY_ORDER.map((p) => [p, d.targets[p]])) as SlaPolicy['targets'],
    business_hours: d.aroundTheClock ? null : {
      week: d.days.flatMap((x, day) => (x.open ? [{ day, start: x.start, end: x.end }] : [])),
      holidays: d.holidays.split(/\s+/).map((h) => h.trim()).filter(Boolean),
    },
    time_zone: d.timeZone.trim(), pause_statuses: d.pauses, near_breach: Number(d.nearBreachPercent) / 100,
  };
}
