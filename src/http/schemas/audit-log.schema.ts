/** The audit log's query and entries. */
import { z } from 'zod';
import { listQuery } from './common.schema.ts';

export const auditEventSchema = z.object({
  id: z.number().int(), name: z.string(), subject_type: z.string(), subject_id: z.string(),
  actor_id: z.string().nullable(), source: z.string(), request_id: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()), created_at: z.string(),
}).meta({ id: 'AuditEvent' });

/** An instant as an ISO date-time with its offset, or a bare date (its midnight UTC); answered as UTC ISO text. */
const instant = z.iso.datetime({ offset: true }).or(z.iso.date())
  .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v).toISOString());

export const auditLogQuery = z.object({
  subject_type: z.string().max(60).optional().describe('ticket, user, organisation, api_token, tenant, …'),
  subject_id: z.string().max(200).optional(),
  actor: z.string().uuid().optional().describe('the id of the user who acted'),
  name: z.string().max(100).optional().describe('an event name, e.g. user.updated'),
  since: instant.optional().describe('only entries recorded at or after this instant (ISO 8601; a bare date is its midnight UTC)'),
  until: instant.optional().describe('only entries recorded before this instant (ISO 8601; a bare date is its midnight UTC)'),
  ...listQuery,
});
