/** The SLA policies API's shapes, from the server's schemas (type-only), and the words for them. */
import type { z } from 'zod';
import type { createSlaPolicyBody, slaPolicySchema } from '../../../../../src/http/schemas/sla-policies.schema.ts';

export type SlaPolicy = z.output<typeof slaPolicySchema>;
export type SlaPolicyBody = z.input<typeof createSlaPolicyBody>;

export const slaPoliciesKey = ['admin', 'sla-policies'] as const;

/** Highest first, as the seed's table lists them. */
export const PRIORITY_ORDER = ['critical', 'urgent', 'high', 'medium', 'low'] as const;

export const SCOPE_LABELS: Record<SlaPolicy['scope'], string> = {
  default: 'Whole helpdesk (default)',
  department: 'One department',
  organisation: 'One organisation (plan)',
};

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export const PAUSE_LABELS: Record<SlaPolicy['pause_statuses'][number], string> = { pending: 'Pending (waiting on the customer)', on_hold: 'On hold' };
