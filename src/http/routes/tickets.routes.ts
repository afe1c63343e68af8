/** The seed's ticket endpoints: list, create, read with its thread, and update. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { resolveDepartmentRef } from '../../domain/departments/resolve-department-ref.ts';
import { withStoredUploads } from '../../domain/attachments/store-uploads.ts';
import { createTicket } from '../../domain/tickets/create-ticket.ts';
import { getTicketThread } from '../../domain/tickets/get-ticket-thread.ts';
import { listTickets } from '../../domain/tickets/list-tickets.ts';
import { resolveTicketFilters } from '../../domain/tickets/ticket-list-filters.ts';
import { loadTicketDetails } from '../../domain/tickets/ticket-details.ts';
import { presentTicket } from '../../domain/tickets/ticket.presenter.ts';
import { updateTicket } from '../../domain/tickets/update-ticket.ts';
import type { Runtime } from '../../runtime.ts';
import { errorResponses, pageOf, uuidParam } from '../schemas/common.schema.ts';
import { createTicketBody, ticketListQuery, ticketSchema, ticketWithThreadSchema, updateTicketBody } from '../schemas/tickets.schema.ts';
import { multipartToBody } from '../multipart-body.ts';
import { createTicketForm } from '../schemas/multipart.schema.ts';

export function ticketsRoutes(rt: Runtime) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/tickets/', {
      schema: { tags: ['tickets'], summary: 'List tickets', querystring: ticketListQuery, response: { 200: pageOf(ticketSchema), ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      const q = request.query;
      const { rows, nextCursor } = await listTickets(ctx, { ...await resolveTicketFilters(ctx, q), sort: q.sort, cursor: q.cursor, limit: q.limit });
      const details = await loadTicketDetails(ctx, rows);
      return { results: rows.map((t) => presentTicket(t, details)), next_cursor: nextCursor };
    });

    r.post('/tickets/api/tickets/', {
      schema: {
        tags: ['tickets'], summary: 'Create a ticket (JSON, or multipart with attachments)',
        body: createTicketBody, multipartBody: createTicketForm,
        response: { 201: ticketSchema, 400: errorResponses[422], 413: errorResponses[422], 415: errorResponses[422], ...errorResponses },
      },
      preValidation: multipartToBody(rt, 'ticket'),
    }, async (request, reply) => {
      const ctx = request.ctx();
      const b = request.body;
      const departmentId = await resolveDepartmentRef(ctx, b.department);
      const ticket = await withStoredUploads(ctx, request.uploadedFiles, (files) => createTicket(ctx, {
        subject: b.subject,
        departmentId,
        priority: b.priority, status: b.status,
        requester: typeof b.requester === 'string' ? (b.requester.includes('@') ? { email: b.requester } : { id: b.requester }) : b.requester,
        assigneeId: b.assignee, category: b.category, tags: b.tags, recipients: b.recipients,
        channel: request.authKind === 'session' ? 'web' : 'api',
        messages: b.messages.map((m, i) => ({
          body: m.body, bodyHtml: m.body_html, messageType: m.message_type, timeSpent: m.time_spent,
          attachments: i === 0 ? files : [],
        })),
      }));
      const details = await loadTicketDetails(ctx, [ticket]);
      return reply.code(201).header('Location', `/tickets/api/tickets/${ticket.id}/`).send(presentTicket(ticket, details));
    });

    r.get('/tickets/api/tickets/:id/', {
      schema: { tags: ['tickets'], summary: 'A ticket with its thread', params: uuidParam, response: { 200: ticketWithThreadSchema, ...errorResponses } },
    }, async (request) => getTicketThread(request.ctx(), request.params.id));

    r.patch('/tickets/api/tickets/:id/', {
      schema: { tags: ['tickets'], summary: 'Change status, priority, department, assignee, tags, category, resolution or recipients', params: uuidParam, body: updateTicketBody, response: { 200: ticketSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      const b = request.body;
      const ticket = await updateTicket(ctx, request.params.id, {
        subject: b.subject, status: b.status, priority: b.priority,
        departmentId: await resolveDepartmentRef(ctx, b.department),
        assigneeId: b.assignee, category: b.category, resolution: b.resolution, tags: b.tags, recipients: b.recipients,
      });
      return presentTicket(ticket, await loadTicketDetails(ctx, [ticket]));
    });
  };
}

