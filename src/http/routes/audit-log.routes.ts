/** The audit log: the tenant's event log, newest first, for admins; filtered by subject, actor, event and period. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentEvent } from '../../domain/events/event.presenter.ts';
import { listEvents } from '../../domain/events/events.repo.ts';
import { authorizeAuditLog } from '../../domain/events/audit-log.policy.ts';
import { decodeCursor, pageFrom } from '../cursor.ts';
import { auditEventSchema, auditLogQuery } from '../schemas/audit-log.schema.ts';
import { errorResponses, pageOf } from '../schemas/common.schema.ts';

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
        subjectType: q.subject_type, subjectId: q.subject_id, actorId: q.actor, name: q.name, since: q.since, until: q.until,
        beforeId: q.cursor ? decodeCursor(q.cursor, ['number'])[0] : undefined, limit: q.limit + 1,
      });
      const { page, nextCursor } = pageFrom(rows, q.limit, (e) => [Number(e.id)]);
      return { results: page.map(presentEvent), next_cursor: nextCursor };
    });
  };
}
