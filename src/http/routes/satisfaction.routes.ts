/**
 * Resolution and satisfaction through the API (docs/satisfaction.md): read a ticket's ratings
 * and what the caller may do (staff see every rating; the requester sees theirs), confirm a
 * resolution, and rate it, as the portal does. Reopening is PATCH …/tickets/{id}/ with
 * status open, as before.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { confirmResolution } from '../../domain/resolution/confirm-resolution.ts';
import { presentRatings, presentTicketSatisfaction } from '../../domain/satisfaction/satisfaction.presenter.ts';
import { getTicketSatisfaction, rateTicket } from '../../domain/satisfaction/ticket-satisfaction.ts';
import { ForbiddenError } from '../../domain/shared/errors.ts';
import { requirePerson } from '../../domain/shared/context.ts';
import { errorResponses, uuidParam } from '../schemas/common.schema.ts';
import { rateBody, ratingSchema, ticketSatisfactionSchema } from '../schemas/satisfaction.schema.ts';

export function satisfactionRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/tickets/:id/satisfaction/', {
      schema: {
        tags: ['tickets'], summary: "A ticket's satisfaction ratings, and whether the caller may confirm or rate its resolution now",
        params: uuidParam, response: { 200: ticketSatisfactionSchema, ...errorResponses },
      },
    }, async (request) => {
      const ctx = request.ctx();
      return presentTicketSatisfaction(ctx.db, ctx.tenantId, await getTicketSatisfaction(ctx, request.params.id));
    });

    r.post('/tickets/api/tickets/:id/confirm-resolution/', {
      schema: {
        tags: ['tickets'], summary: 'Confirm that a resolved ticket is solved: it closes (the requester or their colleagues)',
        description: 'Records ticket.resolution_confirmed and closes the ticket. 409 when the ticket is not resolved. Staff close a ticket with PATCH instead.',
        params: uuidParam, response: { 200: ticketSatisfactionSchema, ...errorResponses },
      },
    }, async (request) => {
      const ctx = request.ctx();
      if (requirePerson(ctx.actor).role !== 'customer') throw new ForbiddenError('Only the customer confirms a resolution; staff close the ticket instead.');
      await confirmResolution(ctx, request.params.id, { via: request.authKind === 'session' ? 'portal' : 'api' });
      return presentTicketSatisfaction(ctx.db, ctx.tenantId, await getTicketSatisfaction(ctx, request.params.id));
    });

    r.post('/tickets/api/tickets/:id/satisfaction/', {
      schema: {
        tags: ['tickets'], summary: "Rate a ticket's current resolution (the requester, once per resolution)",
        description: '422 for a rating off the scale, 409 when there is no survey or the resolution was rated already.',
        params: uuidParam, body: rateBody, response: { 201: ratingSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      const ctx = request.ctx();
      const row = await rateTicket(ctx, request.params.id, { ...request.body, source: request.authKind === 'session' ? 'portal' : 'api' });
      const [presented] = await presentRatings(ctx.db, ctx.tenantId, [row]);
      return reply.code(201).send(presented);
    });
  };
}
