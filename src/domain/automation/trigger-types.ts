/**
 * The trigger types (seed 002, plus SLA) and the events that fire them: each type's options
 * (a Zod schema, checked at save) and whether an event matches them. A field change is any
 * of the ticket.*_changed events of record-ticket-changes.ts; the others are one event each.
 */
import { z } from 'zod';
import type { EventName } from '../events/catalog.ts';
import { STATUSES } from '../tickets/ticket-values.ts';

export const TRIGGER_TYPES = ['TICKET_FIELD_CHANGE', 'NEW_TICKET_CREATED', 'CLOSE_TICKET', 'CLOSE_TICKET_REMINDER', 'SLA_WARNING', 'SLA_BREACHED'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

/** The field of a TICKET_FIELD_CHANGE, and the event its change records. */
const FIELD_EVENTS = {
  status: 'ticket.status_changed', priority: 'ticket.priority_changed', department: 'ticket.department_changed',
  assignee: 'ticket.assigned', category: 'ticket.category_changed', subject: 'ticket.subject_changed',
  tags: 'ticket.tags_changed', resolution: 'ticket.resolution_changed',
} as const satisfies Record<string, EventName>;
export const TRIGGER_FIELDS = Object.keys(FIELD_EVENTS) as Array<keyof typeof FIELD_EVENTS>;

const ONE_EVENT = {
  'ticket.created': 'NEW_TICKET_CREATED', 'ticket.closed_inactive': 'CLOSE_TICKET', 'ticket.inactivity_reminder': 'CLOSE_TICKET_REMINDER',
  'ticket.sla_warning': 'SLA_WARNING', 'ticket.sla_breached': 'SLA_BREACHED',
} as const satisfies Partial<Record<EventName, TriggerType>>;

/** Every event a trigger may answer: the automation task is subscribed to these (jobs/subscriptions.ts). */
export const AUTOMATION_EVENTS = [...Object.values(FIELD_EVENTS), ...Object.keys(ONE_EVENT) as Array<keyof typeof ONE_EVENT>] as const;

/** A value to compare with: a string (a department id as digits), or null for "none" (unassigned, no category). */
const value = z.string().trim().max(200).nullable().optional();
const slaTarget = z.object({ target: z.enum(['first_response', 'resolution']).optional() }).strict();

export const triggerOptions = {
  TICKET_FIELD_CHANGE: z.object({
    field: z.enum(TRIGGER_FIELDS),
    old: value.describe('only when the value before was this (tags: a tag taken off)'),
    new: value.describe('only when the value after is this (tags: a tag put on)'),
  }).strict(),
  NEW_TICKET_CREATED: z.object({ origin: z.enum(['internal', 'external', 'both']).describe('internal: opened by staff; external: by a customer') }).strict(),
  CLOSE_TICKET: z.object({ from_status: z.enum(STATUSES).optional().describe('only tickets that had this status before closing') }).strict(),
  CLOSE_TICKET_REMINDER: z.object({ status: z.enum(STATUSES).optional() }).strict(),
  SLA_WARNING: slaTarget,
  SLA_BREACHED: slaTarget,
} satisfies Record<TriggerType, z.ZodType>;
export type TriggerOptions = { [T in TriggerType]: z.infer<(typeof triggerOptions)[T]> };

/** The trigger type an event fires, if any. */
export function triggerTypeOf(event: EventName): TriggerType | null {
  if ((Object.values(FIELD_EVENTS) as string[]).includes(event)) return 'TICKET_FIELD_CHANGE';
  return (ONE_EVENT as Partial<Record<EventName, TriggerType>>)[event] ?? null;
}

/** What the engine knows of an event beyond its payload. */
export interface EventFacts { name: EventName; payload: Record<string, unknown>; openedByStaff: boolean }

const asText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const same = (wanted: string | null | undefined, actual: unknown) => wanted === undefined || wanted === asText(actual);

/** Whether an event of the trigger's type matches its options. */
export function optionsMatch(type: TriggerType, options: unknown, e: EventFacts): boolean {
  const p = e.payload;
  switch (type) {
    case 'TICKET_FIELD_CHANGE': {
      const o = options as TriggerOptions['TICKET_FIELD_CHANGE'];
      if (FIELD_EVENTS[o.field] !== e.name) return false;
      if (o.field !== 'tags') return same(o.old, p.old) && same(o.new, p.new);
      const before = (p.old as string[]).map((t) => t.toLowerCase());
      const after = (p.new as string[]).map((t) => t.toLowerCase());
      const added = (t: string) => after.includes(t.toLowerCase()) && !before.includes(t.toLowerCase());
      const removed = (t: string) => before.includes(t.toLowerCase()) && !after.includes(t.toLowerCase());
      return (o.new == null || added(o.new)) && (o.old == null || removed(o.old));
    }
    case 'NEW_TICKET_CREATED': {
      const o = options as TriggerOptions['NEW_TICKET_CREATED'];
      return o.origin === 'both' || (o.origin === 'internal') === e.openedByStaff;
    }
    case 'CLOSE_TICKET': return same((options as TriggerOptions['CLOSE_TICKET']).from_status, p.previous_status);
    case 'CLOSE_TICKET_REMINDER': return same((options as TriggerOptions['CLOSE_TICKET_REMINDER']).status, p.status);
    case 'SLA_WARNING':
    case 'SLA_BREACHED': return same((options as TriggerOptions['SLA_WARNING']).target, p.target);
  }
}
