/** The audit log: the tenant's event log, newest first, for admins. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentEvent } from '../../domain/events/event.presenter.ts';
import { listEvents } from '../../domain/events/events.repo.ts';
import { authorizeAuditLog } from '../../domain/events/audit-log.policy.ts';
import { decodeCursor, pageFrom } from '../cursor.ts';
import { errorResponses, listQuery, pageOf } from '../schemas/common.schema.ts';

const auditEventSchema = z.object({
  id: z.number().int(), name: z.string(), subject_type: z.string(), subject_id: z.string(),
  actor_id: z.string().nullable(), source: z.string(), request_id: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()), created_at: z.string(),
}).meta({ id: 'AuditEvent' });

const auditLogQuery = z.object({
  subject_type: z.string().max(60).optional().describe('ticket, user, organisation, api_token, tenant, …'),
  subject_id: z.string().max(200).optional(),
  actor: z.string().uuid().optional().describe('the id of the user who acted'),
  name: z.string().max(100).optional().describe('an event name, e.g. user.updated'),
  ...listQuery,
});

export function auditLogRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/audit-log/', {
      schema: { tags: ['audit-log'], summary: 'The audit log, newest first (admins)', querystring: auditLogQuery, response: { 200: pageOf(auditEventSchema), ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeAuditLog(ctx.actor, 'list');
      const q = request.query;
      const rows = await listEvents(ctx.db, ctx.tenantId, {
        subjectType: q.subject_type, subjectId: q.subject_id, actorId: q.actor, name: q.name,
        beforeId: q.cursor ? decodeCursor(q.cursor, ['number'])[0] : undefined, limit: q.limit + 1,
      });
      const { page, nextCursor } = pageFrom(rows, q.limit, (e) => [Number(e.id)]);
      return { results: page.map(presentEvent), next_cursor: nextCursor };
    });
  };
}
