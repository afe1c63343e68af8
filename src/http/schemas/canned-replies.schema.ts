/** The canned replies API's schemas (routes/canned-replies.routes.ts); the web app takes its types from here. */
import { z } from 'zod';
import { CANNED_REPLY_VARIABLES } from '../../domain/canned-replies/canned-reply-variables.ts';
import { listQuery } from './common.schema.ts';

const variables = CANNED_REPLY_VARIABLES.map((v) => `{{${v.name}}}`).join(', ');

export const cannedReplySchema = z.object({
  id: z.string(), name: z.string(), shortcut: z.string().nullable(), body: z.string(), body_html: z.string().nullable(),
  department: z.number().int().nullable().describe('offered on this department\'s tickets only; null: on every ticket'),
  shared: z.boolean().describe('true: the team\'s (admins change it); false: your own'),
  can_edit: z.boolean().describe('whether you may change or delete it'),
  created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'CannedReply' });

const text = {
  name: z.string().trim().min(1).max(200),
  shortcut: z.string().trim().max(50).nullable().describe('a word to find it by after `/` in the composer'),
  body: z.string().max(100_000).describe(`plain text; may hold ${variables}`),
  body_html: z.string().max(500_000).nullable().describe('HTML (sanitised when stored); the plain text is derived from it when body is empty'),
  department: z.number().int().positive().nullable(),
};
export const createCannedReplyBody = z.object({
  ...text, shortcut: text.shortcut.optional(), body: text.body.optional(), body_html: text.body_html.optional(), department: text.department.optional(),
  shared: z.boolean().default(false).describe('true: shared with the team (admins only); false: your own'),
}).meta({ id: 'CreateCannedReply' });
export const updateCannedReplyBody = z.object({
  name: text.name.optional(), shortcut: text.shortcut.optional(), body: text.body.optional(), body_html: text.body_html.optional(), department: text.department.optional(),
}).refine((b) => Object.values(b).some((v) => v !== undefined), 'must change at least one field').meta({ id: 'UpdateCannedReply' });

export const listCannedRepliesQuery = z.object({
  mine: z.enum(['true', 'false']).optional().describe('true: only your own; false: only the shared ones'),
  department: z.coerce.number().int().positive().optional().describe('only those offered on this department\'s tickets'),
  ...listQuery,
});

export type CannedReply = z.output<typeof cannedReplySchema>;
export type CreateCannedReply = z.input<typeof createCannedReplyBody>;
export type UpdateCannedReply = z.input<typeof updateCannedReplyBody>;
