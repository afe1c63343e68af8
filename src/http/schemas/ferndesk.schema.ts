/** The Ferndesk integration's shapes (docs/ferndesk.md); the web app types itself from them. */
import { z } from 'zod';
import { FERNDESK_ROLE_NAMES } from '../../domain/integrations/ferndesk/manage-ferndesk.ts';

const roleName = z.enum(FERNDESK_ROLE_NAMES).describe('how staff messages are labelled in the feed: agent (default) or support_agent');

export const ferndeskStateSchema = z.object({
  enabled: z.boolean(),
  role_name: roleName,
  enabled_at: z.string().nullable().describe('when the current URL was made (enabled); null while disabled'),
  rotated_at: z.string().nullable().describe('when the URL was last rotated; null when never since enabled'),
  updated_at: z.string().nullable(),
}).meta({ id: 'FerndeskIntegration' });

export const ferndeskEnabledSchema = ferndeskStateSchema.extend({
  url: z.string().describe('the Source URL to paste in Ferndesk: shown only in this answer (only its hash is kept)'),
}).meta({ id: 'FerndeskIntegrationWithUrl' });

export const updateFerndeskBody = z.object({ role_name: roleName.optional() }).meta({ id: 'UpdateFerndeskIntegration' });

export const testFerndeskBody = z.object({
  url: z.string().trim().min(1).max(2000).describe("the endpoint's URL, as answered when it was enabled"),
  start_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').optional().describe('the startDate to ask for; default 30 days ago'),
}).meta({ id: 'TestFerndeskIntegration' });

export const ferndeskTestReportSchema = z.object({
  url: z.string().describe('what was fetched'),
  reachable: z.boolean(), status: z.number().nullable(), duration_ms: z.number(), error: z.string().nullable(),
  valid_json: z.boolean(),
  schema_errors: z.array(z.object({ field: z.string(), message: z.string() })).describe('each field Ferndesk would refuse, by its path'),
  conversations: z.number().nullable(), messages: z.number().nullable(),
  ok: z.boolean().describe('reachable, JSON, and in the format Ferndesk ingests'),
}).meta({ id: 'FerndeskTestReport' });

export const feedParams = z.object({ token: z.string().max(200) });
export const feedQuery = z.object({
  startDate: z.string().optional().describe('YYYY-MM-DD (UTC): conversations with a public message on or after that day'),
  limit: z.string().optional().describe('conversations looked at per page, 1–100 (default 50)'),
  cursor: z.string().optional().describe('the next page, from the Link rel="next" header of the previous one'),
});

export const feedSchema = z.object({
  conversations: z.array(z.object({
    id: z.string(), url: z.string().describe("the ticket's page in the web app"), lastMessageAt: z.string(),
    messages: z.array(z.object({
      id: z.string(), role: z.string().describe('user (the customer) or the tenant\'s role name for staff'),
      content: z.string().describe('plain text'), createdAt: z.string(),
    })),
  })),
}).meta({ id: 'FerndeskFeed' });
