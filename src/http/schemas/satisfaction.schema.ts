/** The resolution and satisfaction API's shapes (docs/satisfaction.md); the web app reads its types from here. */
import { z } from 'zod';

const scale = z.enum(['five', 'binary']);

export const ratingSchema = z.object({
  id: z.string(),
  resolved_at: z.string().describe('the resolution rated (a ticket resolved again is rated again)'),
  scale,
  rating: z.number().int().describe('1–5; on the binary scale 1 is bad and 5 good'),
  positive: z.boolean().describe('five: 4 or 5; binary: good'),
  comment: z.string().nullable(),
  source: z.enum(['mail', 'portal', 'api']),
  agent: z.object({ id: z.string(), name: z.string() }).nullable().describe('the assignee when the ticket was resolved'),
  department_id: z.number().int(),
  created_at: z.string(),
}).meta({ id: 'SatisfactionRating' });

export const ticketSatisfactionSchema = z.object({
  ticket_id: z.string(),
  status: z.string(),
  resolved_at: z.string().nullable(),
  survey_scale: scale.nullable().describe('the survey of the current resolution; null: none'),
  can_confirm: z.boolean().describe('the caller (the requester) may confirm the resolution now'),
  can_rate: z.boolean().describe('the caller (the requester) may rate the current resolution now'),
  ratings: z.array(ratingSchema).describe('every rating of the ticket, newest resolution first'),
}).meta({ id: 'TicketSatisfaction' });

export const rateBody = z.object({
  rating: z.number().int().min(1).max(5).describe('1–5; on the binary scale 1 (bad) or 5 (good)'),
  comment: z.string().max(2000).nullish(),
}).strict();
