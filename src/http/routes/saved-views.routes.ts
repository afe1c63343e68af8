/**
 * Saved views of the ticket list (the signed-in person's own), the counts beside the
 * list's views, and the count of any filter of the list: see docs/web-app.md "Ticket list (agents)" and docs/api.md.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { countViews, VIEW_COUNT_CAP } from '../../domain/saved-views/count-views.ts';
import { presentSavedView } from '../../domain/saved-views/saved-view.presenter.ts';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from '../../domain/saved-views/saved-views.ts';
import { countTickets } from '../../domain/tickets/list-tickets.ts';
import { resolveTicketFilters } from '../../domain/tickets/ticket-list-filters.ts';
import { errorResponses, uuidParam } from '../schemas/common.schema.ts';
import { ticketListFilters } from '../schemas/tickets.schema.ts';
import { countSchema, createSavedViewBody, savedViewSchema, updateSavedViewBody, viewCountsSchema } from '../schemas/saved-views.schema.ts';

const BASE = '/tickets/api/views';
const tags = ['views'];

/** Strips the unset filters (the schema keeps them as undefined). */
const setOnly = (f: Record<string, string | undefined>) => Object.fromEntries(Object.entries(f).filter((e): e is [string, string] => !!e[1]));

export function savedViewsRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(`${BASE}/`, {
      schema: {
        tags, operationId: 'listSavedViews', summary: 'Your saved views of the ticket list, in your order',
        response: { 200: z.object({ results: z.array(savedViewSchema), next_cursor: z.null() }), ...errorResponses },
      },
    }, async (request) => ({ results: (await listSavedViews(request.ctx())).map(presentSavedView), next_cursor: null }));

    r.post(`${BASE}/`, {
      schema: {
        tags, operationId: 'createSavedView', summary: 'Save a view of the ticket list (a name and the list’s filters)',
        body: createSavedViewBody, response: { 201: savedViewSchema, 409: errorResponses[422], ...errorResponses },
      },
    }, async (request, reply) => {
      const view = await createSavedView(request.ctx(), { name: request.body.name, filters: setOnly(request.body.filters) });
      return reply.code(201).send(presentSavedView(view));
    });

    r.get(`${BASE}/counts/`, {
      schema: {
        tags, operationId: 'countViews', summary: `How many tickets each view shows (built-in and saved), counted up to ${VIEW_COUNT_CAP}`,
        response: { 200: viewCountsSchema, ...errorResponses },
      },
    }, async (request) => {
      const counts = await countViews(request.ctx());
      return { cap: VIEW_COUNT_CAP, built_in: counts.builtIn, saved: counts.saved };
    });

    r.get('/tickets/api/tickets/count/', {
      schema: {
        tags: ['tickets'], operationId: 'countTickets', summary: `How many tickets the list's filters find, counted up to ${VIEW_COUNT_CAP}`,
        querystring: ticketListFilters, response: { 200: countSchema, ...errorResponses },
      },
    }, async (request) => {
      const ctx = request.ctx();
      const n = await countTickets(ctx, await resolveTicketFilters(ctx, request.query), VIEW_COUNT_CAP + 1);
      return { cap: VIEW_COUNT_CAP, count: Math.min(n, VIEW_COUNT_CAP), more: n > VIEW_COUNT_CAP };
    });

    r.patch(`${BASE}/:id/`, {
      schema: {
        tags, operationId: 'updateSavedView', summary: 'Rename one of your views, change its filters, or move it',
        params: uuidParam, body: updateSavedViewBody, response: { 200: savedViewSchema, 409: errorResponses[422], ...errorResponses },
      },
    }, async (request) => {
      const b = request.body;
      return presentSavedView(await updateSavedView(request.ctx(), request.params.id, {
        name: b.name, filters: b.filters && setOnly(b.filters), position: b.position,
      }));
    });

    r.delete(`${BASE}/:id/`, {
      schema: { tags, operationId: 'deleteSavedView', summary: 'Delete one of your views', params: uuidParam, response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      await deleteSavedView(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    });
  };
}
