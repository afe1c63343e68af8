/**
 * Triggers and actions (docs/automation.md, seed 002): the tenant's triggers, each one's run
 * log, and the action types installed (plugins included) with their config schemas. Admins only.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listActionTypes } from '../../domain/automation/action-registry.ts';
import { createTrigger, deleteTrigger, readTrigger, readTriggerRuns, readTriggers, updateTrigger } from '../../domain/automation/manage-triggers.ts';
import { presentActionType, presentTrigger, presentTriggerRun } from '../../domain/automation/trigger.presenter.ts';
import { authorizeTrigger } from '../../domain/automation/trigger.policy.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { errorResponses, pageOf, uuidParam } from '../schemas/common.schema.ts';
import { actionTypeSchema, createTriggerBody, triggerRunSchema, triggerRunsQuery, triggerSchema, updateTriggerBody } from '../schemas/triggers.schema.ts';

export function triggersRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/triggers/', {
      schema: { tags: ['automation'], summary: "The tenant's triggers, in the order they run (admins)", response: { 200: z.array(triggerSchema), ...errorResponses } },
    }, async (request) => (await readTriggers(request.ctx())).map(presentTrigger));

    r.post('/tickets/api/triggers/', {
      schema: { tags: ['automation'], summary: 'Add a trigger', body: createTriggerBody, response: { 201: triggerSchema, ...errorResponses } },
    }, async (request, reply) => reply.code(201).send(presentTrigger(await createTrigger(request.ctx(), request.body))));

    r.get('/tickets/api/triggers/:id/', {
      schema: { tags: ['automation'], summary: 'One trigger', params: uuidParam, response: { 200: triggerSchema, ...errorResponses } },
    }, async (request) => presentTrigger(await readTrigger(request.ctx(), request.params.id)));

    r.patch('/tickets/api/triggers/:id/', {
      schema: { tags: ['automation'], summary: 'Change a trigger, or turn it off or on', params: uuidParam, body: updateTriggerBody, response: { 200: triggerSchema, ...errorResponses } },
    }, async (request) => presentTrigger(await updateTrigger(request.ctx(), request.params.id, request.body)));

    r.delete('/tickets/api/triggers/:id/', {
      schema: { tags: ['automation'], summary: 'Delete a trigger and its log', params: uuidParam, response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      await deleteTrigger(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    });

    r.get('/tickets/api/triggers/:id/runs/', {
      schema: { tags: ['automation'], summary: "A trigger's run log, newest first", params: uuidParam, querystring: triggerRunsQuery, response: { 200: pageOf(triggerRunSchema), ...errorResponses } },
    }, async (request) => {
      const { limit, cursor } = request.query;
      const beforeId = cursor ? decodeCursor(cursor, ['string'])[0] : undefined;
      const rows = await readTriggerRuns(request.ctx(), request.params.id, { beforeId, limit: limit + 1 });
      const page = rows.slice(0, limit);
      return { results: page.map(presentTriggerRun), next_cursor: rows.length > limit ? encodeCursor([page[page.length - 1].id]) : null };
    });

    r.get('/tickets/api/trigger-action-types/', {
      schema: { tags: ['automation'], summary: 'The action types installed (plugins included), with the JSON Schema of their config', response: { 200: z.array(actionTypeSchema), ...errorResponses } },
    }, async (request) => {
      authorizeTrigger(request.ctx().actor, 'read');
      return listActionTypes().map(presentActionType);
    });
  };
}
