/** The SLA API's shapes (docs/sla.md): policies, a ticket's SLA fields and the list's SLA filters. */
import { z } from 'zod';
import { PAUSABLE_STATUSES, slaHoursSchema, slaTargetsSchema } from '../../domain/sla/sla-policy-values.ts';

const scope = z.enum(['default', 'department', 'organisation']).describe('default: the whole tenant; department or organisation: that one only (organisation > department > default)');

export const slaPolicySchema = z.object({
  id: z.string(), name: z.string(), scope,
  department_id: z.number().int().nullable(), organisation_id: z.string().nullable(),
  targets: slaTargetsSchema.describe('minutes of running time to the first agent reply and to resolution, per priority'),
  business_hours: slaHoursSchema.nullable().describe('opening windows per weekday and holidays, in time_zone; null: around the clock'),
  time_zone: z.string(),
  pause_statuses: z.array(z.enum(PAUSABLE_STATUSES)).describe('the statuses in which the clocks stand still (resolved and closed always stop them)'),
  near_breach: z.number().describe('the fraction of a target after which the near-breach alert is raised'),
  created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'SlaPolicy' });

const policyFields = {
  name: z.string().trim().min(1).max(120),
  scope,
  department_id: z.number().int().positive().nullable().optional().describe('with scope department'),
  organisation_id: z.string().uuid().nullable().optional().describe('with scope organisation'),
  targets: slaTargetsSchema,
  business_hours: slaHoursSchema.nullable().optional(),
  time_zone: z.string().max(64).optional().describe('IANA time zone, e.g. Europe/Madrid (default UTC)'),
  pause_statuses: z.array(z.enum(PAUSABLE_STATUSES)).max(2).optional().describe('default: pending and on_hold'),
  near_breach: z.number().min(0.05).max(0.99).optional().describe('default 0.8'),
};

export const createSlaPolicyBody = z.object(policyFields).meta({ id: 'CreateSlaPolicy' });
export const updateSlaPolicyBody = z.object(policyFields).partial().meta({ id: 'UpdateSlaPolicy' });

/** A ticket's SLA fields (ticketSchema). */
export const ticketSlaFields = {
  first_response_due_at: z.string().nullable().describe('when the first agent reply is due; null once it came, while paused, or once resolved'),
  resolution_due_at: z.string().nullable().describe('when resolution is due; null while paused or once resolved'),
  first_response_breached: z.boolean(),
  resolution_breached: z.boolean(),
  sla_paused: z.boolean().describe('waiting on the customer or on hold: the clocks stand still'),
};

/** The ticket list's SLA filters (ticketListQuery). */
export const ticketSlaFilters = {
  // Read as text first: the web app keeps every filter as a string in the address.
  sla: z.string().pipe(z.enum(['breached'])).optional().describe('breached: a running clock is past its due time'),
  sla_due_within: z.coerce.number().int().min(1).max(525_600).optional().describe('minutes: a running clock falls due within them (not yet breached), e.g. 60 for "breaching in the next hour"'),
};
