/**
 * What an SLA policy holds (docs/sla.md): minutes to first response and to resolution per
 * priority, business hours (or around the clock), the statuses that pause the clock, and
 * the near-breach mark. BUILT_IN_POLICY is seed 000's table, used while a tenant has none.
 */
import { z } from 'zod';
import { PRIORITIES, type Priority } from '../tickets/ticket-values.ts';
import { businessHoursSchema, type Calendar } from './business-calendar.ts';

export const SLA_TARGETS = ['first_response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** The statuses a policy may choose to pause on; resolved and closed always stop both clocks. */
export const PAUSABLE_STATUSES = ['pending', 'on_hold'] as const;
export type PausableStatus = (typeof PAUSABLE_STATUSES)[number];

const minutes = z.number().int().min(1).max(525_600).describe('minutes of running time (at most a year)');
const target = z.object({ first_response: minutes, resolution: minutes });
export const slaTargetsSchema = z.object(Object.fromEntries(PRIORITIES.map((p) => [p, target])) as Record<Priority, typeof target>);
export type SlaTargets = z.infer<typeof slaTargetsSchema>;

/** Business hours without the zone (the policy's `time_zone` is theirs); windows overlapping are refused at save (manage-sla-policies.ts). */
export const slaHoursSchema = businessHoursSchema.omit({ time_zone: true });
export type SlaHours = z.infer<typeof slaHoursSchema>;

/** A policy as the clocks use it, whichever its origin (a row or the built-in one). */
export interface EffectivePolicy {
  id: string | null;
  name: string;
  targets: SlaTargets;
  hours: SlaHours | null;
  timeZone: string;
  pauseStatuses: readonly string[];
  nearBreach: number;
}

const h = (first: number, resolution: number) => ({ first_response: first * 60, resolution: resolution * 60 });

/** Seed 000: critical 1 h / 4 h, urgent 2 h / 8 h, high 4 h / 24 h, medium 8 h / 48 h, low 24 h / 72 h, around the clock. */
export const BUILT_IN_POLICY: EffectivePolicy = Object.freeze({
  id: null, name: 'Built-in', timeZone: 'UTC', hours: null, pauseStatuses: PAUSABLE_STATUSES, nearBreach: 0.8,
  targets: { critical: h(1, 4), urgent: h(2, 8), high: h(4, 24), medium: h(8, 48), low: h(24, 72) },
});

/**
 * The policy of a tenant that has saved no default policy: the built-in one with the targets
 * of its `sla_targets` setting (in hours; its default is seed 000's table, so an untouched
 * tenant gets BUILT_IN_POLICY exactly).
 */
export function policyOfSettings(targets: Record<Priority, { first_response_hours: number; resolution_hours: number }>): EffectivePolicy {
  const inMinutes = (hours: number) => Math.max(1, Math.round(hours * 60));
  return {
    ...BUILT_IN_POLICY, name: 'Settings',
    targets: Object.fromEntries(PRIORITIES.map((p) => [p, { first_response: inMinutes(targets[p].first_response_hours), resolution: inMinutes(targets[p].resolution_hours) }])) as SlaTargets,
  };
}

/** The calendar the clocks walk: the policy's hours in its zone, or around the clock. */
export function calendarOf(p: EffectivePolicy): Calendar {
  return p.hours ? businessHoursSchema.parse({ ...p.hours, time_zone: p.timeZone }) : null;
}
