/** Request and response shapes of /tickets/api/mail-templates/ (checks beyond shape: mail-templates/check-mail-template.ts). */
import { z } from 'zod';

const variableSchema = z.object({
  name: z.string().describe('write it as {{name}}, or {{name|text shown when it is empty}}'),
  description: z.string(),
  kind: z.enum(['text', 'url', 'html']).describe('url: one of our links, the only kind allowed inside an HTML tag; html: sanitised HTML'),
}).meta({ id: 'MailTemplateVariable' });

const parts = { subject: z.string(), text: z.string(), html: z.string() };

export const mailTemplateSchema = z.object({
  id: z.string().describe('<key>.<language>, e.g. confirmation.es'),
  key: z.string(), language: z.string(),
  overridden: z.boolean().describe("true: the tenant's own version; false: the built-in one"),
  ...parts,
  updated_at: z.string().nullable(), updated_by: z.string().nullable(),
  variables: z.array(variableSchema),
  builtin: z.object(parts).optional().describe('the built-in version (single template reads only)'),
}).meta({ id: 'MailTemplate' });

export const mailTemplateListSchema = z.object({ results: z.array(mailTemplateSchema) }).meta({ id: 'MailTemplateList' });

export const templateIdParam = z.object({ id: z.string().max(64).describe('<key>.<language>, e.g. agent_reply.pt-BR') });

// Generous outer bounds; the real limits (subject 200, text 20,000, html 100,000) answer 422 naming the field.
const subject = z.string().max(1_000);
const text = z.string().max(200_000);
const html = z.string().max(500_000);

export const saveMailTemplateBody = z.object({
  subject, html,
  text: text.default('').describe('the plain-text part; empty or left out: derived from the HTML part'),
}).meta({ id: 'SaveMailTemplate' });

export const previewMailTemplateBody = z.object({
  subject: subject.optional(), text: text.optional(), html: html.optional(),
  ticket_id: z.string().uuid('must be a UUID').nullable().optional().describe('a ticket you can see; left out: a sample ticket'),
}).meta({ id: 'PreviewMailTemplate', description: 'a draft; a part left out is the current one' });

export const mailPreviewSchema = z.object({
  subject: z.string(), text: z.string(), html: z.string(),
  text_derived: z.boolean().describe('the text part was derived from the HTML one'),
}).meta({ id: 'MailPreview' });
