/** Saved views of the ticket list, and the counts beside the list's views. */
import { z } from 'zod';
import { ticketListFilters } from './tickets.schema.ts';

type FilterKey = keyof typeof ticketListFilters.shape;
const FILTER_KEYS = Object.keys(ticketListFilters.shape) as FilterKey[];

/**
 * The list's query parameters, as strings (as in the address): a view hands them back as
 * saved. Each must be one GET /tickets/api/tickets/ accepts (checked with its schema).
 */
export const viewFiltersSchema = (z.object(Object.fromEntries(FILTER_KEYS.map((k) => [k, z.string().max(254).optional()]))) as
  z.ZodObject<Record<FilterKey, z.ZodOptional<z.ZodString>>>)
  .strict()
  .superRefine((filters, ctx) => {
    const parsed = ticketListFilters.safeParse(filters);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  })
  .describe('query parameters of GET /tickets/api/tickets/ (without cursor and limit), as strings')
  .meta({ id: 'TicketViewFilters' });

export const savedViewSchema = z.object({
  id: z.string(), name: z.string(), filters: z.record(z.string(), z.string()), position: z.number().int(),
  created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'SavedView' });

const name = z.string().trim().min(1).max(60);

export const createSavedViewBody = z.object({ name, filters: viewFiltersSchema }).strict().meta({ id: 'CreateSavedView' });
export const updateSavedViewBody = z.object({
  name: name.optional(), filters: viewFiltersSchema.optional(),
  position: z.number().int().min(0).max(1000).optional().describe('the new place among your views, 0 = first'),
}).strict().meta({ id: 'UpdateSavedView' });

const countFields = {
  count: z.number().int().nullable().describe('matching tickets you may see, at most `cap`; null: the view no longer applies (e.g. its department is gone)'),
  more: z.boolean().describe('true: more than `cap` match'),
};
export const viewCountsSchema = z.object({
  cap: z.number().int(),
  built_in: z.array(z.object({
    key: z.enum(['mine', 'unassigned', 'my_departments', 'all', 'organisation']),
    filters: z.record(z.string(), z.string()).describe('the list query that shows this view'),
    ...countFields,
  })).describe('staff: mine, unassigned, my_departments (when you belong to one), all; customers: mine, and organisation when allowed'),
  saved: z.array(z.object({ id: z.string(), ...countFields })),
}).meta({ id: 'ViewCounts' });

export const countSchema = z.object({ cap: z.number().int(), ...countFields }).meta({ id: 'TicketCount' });
