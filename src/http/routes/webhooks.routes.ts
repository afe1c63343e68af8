/**
 * Webhooks (docs/webhooks.md, seed 003): subscriptions of a tenant to events, signed by the
 * Standard Webhooks spec; create answers the secret once, rotate answers the new one; a
 * test event is sent while the admin waits; the delivery log and manual redelivery.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendTestEvent } from '../../domain/webhooks/attempt-delivery.ts';
import {
  createWebhook, deleteWebhook, readDeliveries, readWebhook, readWebhooks, redeliverWebhookMessage, rotateWebhookSecret, updateWebhook,
} from '../../domain/webhooks/manage-webhooks.ts';
import { presentDelivery, presentWebhook } from '../../domain/webhooks/webhook.presenter.ts';
import type { Runtime } from '../../runtime.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { errorResponses, pageOf, uuidParam } from '../schemas/common.schema.ts';
import { createWebhookBody, deliveriesQuery, deliverySchema, updateWebhookBody, webhookSchema, webhookTestResultSchema, webhookWithSecretSchema } from '../schemas/webhooks.schema.ts';

export function webhooksRoutes(rt: Runtime) {
  const attempt = () => ({ secrets: rt.secrets, baseUrl: rt.config.baseUrl, timeoutMs: 10_000 });
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/webhooks/', {
      schema: { tags: ['webhooks'], summary: "The tenant's webhooks (admins)", response: { 200: z.array(webhookSchema), ...errorResponses } },
    }, async (request) => (await readWebhooks(request.ctx())).map(presentWebhook));

    r.post('/tickets/api/webhooks/', {
      // The answer holds the secret: never kept for idempotent replays.
      config: { idempotency: false },
      schema: { tags: ['webhooks'], summary: 'Subscribe a URL to events; answers its id and its secret', body: createWebhookBody, response: { 201: webhookWithSecretSchema, ...errorResponses } },
    }, async (request, reply) => {
      const { row, secret } = await createWebhook(request.ctx(), rt.secrets, request.body);
      return reply.code(201).send({ ...presentWebhook(row), secret });
    });

    r.get('/tickets/api/webhooks/:id/', {
      schema: { tags: ['webhooks'], summary: 'One webhook', params: uuidParam, response: { 200: webhookSchema, ...errorResponses } },
    }, async (request) => presentWebhook(await readWebhook(request.ctx(), request.params.id)));

    r.patch('/tickets/api/webhooks/:id/', {
      schema: { tags: ['webhooks'], summary: 'Change a webhook, or turn it off or on', params: uuidParam, body: updateWebhookBody, response: { 200: webhookSchema, ...errorResponses } },
    }, async (request) => presentWebhook(await updateWebhook(request.ctx(), request.params.id, request.body)));

    r.delete('/tickets/api/webhooks/:id/', {
      schema: { tags: ['webhooks'], summary: 'Delete a webhook and its log', params: uuidParam, response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      await deleteWebhook(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    });

    r.post('/tickets/api/webhooks/:id/rotate-secret/', {
      config: { idempotency: false },
      schema: { tags: ['webhooks'], summary: 'A new secret; the old one keeps signing beside it for a day', params: uuidParam, response: { 200: webhookWithSecretSchema, ...errorResponses } },
    }, async (request) => {
      const { row, secret } = await rotateWebhookSecret(request.ctx(), rt.secrets, request.params.id);
      return { ...presentWebhook(row), secret };
    });

    r.post('/tickets/api/webhooks/:id/test/', {
      schema: {
        tags: ['webhooks'], summary: 'Send a test event now and answer what the receiver said', params: uuidParam,
        response: { 200: webhookTestResultSchema, ...errorResponses },
      },
    }, async (request) => {
      const { delivery, result } = await sendTestEvent(request.ctx(), request.params.id, attempt());
      return { ok: result.ok, delivery: presentDelivery(delivery) };
    });

    r.get('/tickets/api/webhooks/:id/deliveries/', {
      schema: { tags: ['webhooks'], summary: "A webhook's delivery log, newest first", params: uuidParam, querystring: deliveriesQuery, response: { 200: pageOf(deliverySchema), ...errorResponses } },
    }, async (request) => {
      const { limit, cursor, status } = request.query;
      const beforeId = cursor ? decodeCursor(cursor, ['string'])[0] : undefined;
      const rows = await readDeliveries(request.ctx(), request.params.id, { beforeId, status, limit: limit + 1 });
      const page = rows.slice(0, limit);
      return { results: page.map(presentDelivery), next_cursor: rows.length > limit ? encodeCursor([page[page.length - 1].id]) : null };
    });

    r.post('/tickets/api/webhook-deliveries/:id/redeliver/', {
      schema: { tags: ['webhooks'], summary: 'Send a message again (same webhook-id and body), as a new entry of its log', params: uuidParam, response: { 202: deliverySchema, ...errorResponses } },
    }, async (request, reply) => reply.code(202).send(presentDelivery(await redeliverWebhookMessage(request.ctx(), request.params.id))));
  };
}
