/** Bulk changes: one change (status, priority, department, assignee, tags) on many tickets. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { resolveDepartmentRef } from '../../domain/departments/resolve-department-ref.ts';
import { requirePerson } from '../../domain/shared/context.ts';
import { bulkUpdateTickets, type BulkSelection } from '../../domain/tickets/bulk-update-tickets.ts';
import { resolveTicketFilters } from '../../domain/tickets/ticket-list-filters.ts';
import { errorResponses } from '../schemas/common.schema.ts';
import { bulkUpdateResultSchema, bulkUpdateTicketsBody } from '../schemas/tickets-bulk.schema.ts';

export function ticketsBulkRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post('/tickets/api/tickets/bulk/', {
      schema: {
        tags: ['tickets'], summary: 'Change many tickets at once (staff): by ids or by the list filter',
        body: bulkUpdateTicketsBody, response: { 200: bulkUpdateResultSchema, ...errorResponses },
      },
    }, async (request) => {
      const ctx = request.ctx();
      const { ids, filter, changes: c } = request.body;
      requirePerson(ctx.actor);
      const selection: BulkSelection = ids ? { ids } : { filter: await resolveTicketFilters(ctx, filter!) };
      return bulkUpdateTickets(ctx, selection, {
        status: c.status, priority: c.priority, assigneeId: c.assignee,
        departmentId: await resolveDepartmentRef(ctx, c.department, 'changes.department'),
        addTags: c.add_tags, removeTags: c.remove_tags,
      });
    });
  };
}
