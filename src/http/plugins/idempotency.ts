/**
 * `Idempotency-Key` on POST: the first request with a key runs and its answer is kept
 * for 24 hours; a retry with the same key and body gets the same answer again without
 * running twice; the same key with another body is refused; a retry while the first is
 * still running gets 409. Server errors release the key so the client can retry.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  claimIdempotencyKey, findIdempotencyKey, releaseIdempotencyKey, saveIdempotentResponse,
} from '../../domain/idempotency/idempotency.repo.ts';
import { ConflictError, ValidationError } from '../../domain/shared/errors.ts';
import type { Runtime } from '../../runtime.ts';

declare module 'fastify' {
  interface FastifyRequest { idempotencyKey: string | null }
  interface FastifyContextConfig {
    /** false for routes whose answer holds a secret: the Idempotency-Key is ignored there. */
    idempotency?: boolean;
  }
}

export function registerIdempotency(app: FastifyInstance, rt: Runtime): void {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || !request.actor) return;
    if (request.routeOptions.config?.idempotency === false) return;
    if (key.length === 0 || key.length > 255) throw ValidationError.field('Idempotency-Key', 'must be 1 to 255 characters');
    const actorKey = request.actor.id;
    const hash = requestHash(request);
    if (await claimIdempotencyKey(rt.db, request.tenantId, actorKey, key, hash)) {
      request.idempotencyKey = key;
      return;
    }
    const stored = await findIdempotencyKey(rt.db, request.tenantId, actorKey, key);
    if (!stored) throw new ConflictError('This Idempotency-Key is being released; retry.');
    if (stored.requestHash !== hash) throw ValidationError.field('Idempotency-Key', 'was already used for a different request');
    if (stored.statusCode === null) throw new ConflictError('A request with this Idempotency-Key is still in progress.');
    return reply.code(stored.statusCode).header('Idempotent-Replayed', 'true')
      .type(stored.statusCode >= 400 ? 'application/problem+json' : 'application/json').send(stored.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (!key || !request.actor) return payload;
    if (reply.statusCode >= 500) await releaseIdempotencyKey(rt.db, request.tenantId, request.actor.id, key);
    else await saveIdempotentResponse(rt.db, request.tenantId, request.actor.id, key, reply.statusCode, typeof payload === 'string' ? payload : String(payload ?? ''));
    return payload;
  });
}

function requestHash(request: FastifyRequest): string {
  const h = createHash('sha256').update(request.method).update('\0').update(request.url).update('\0');
  // Multipart bodies are streamed to the handler, so their size stands in for their content.
  if (request.isMultipart()) h.update(`multipart:${request.headers['content-length'] ?? ''}`);
  else h.update(JSON.stringify(request.body ?? null));
  return h.digest('hex');
}
