/**
 * The HTTP application: Fastify with Zod schemas (validation and the OpenAPI document),
 * problem+json errors, authentication, rate limits, idempotency, and every route file.
 */
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { Runtime } from '../runtime.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerForeground } from './plugins/foreground.ts';
import { registerIdempotency } from './plugins/idempotency.ts';
import { registerJsonBody, registerTextParams } from './plugins/json-body.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerRequestDeadline } from './plugins/request-deadline.ts';
import { routeModules } from './routes/index.ts';
import { registerStagedUploadCleanup } from './upload.ts';

export interface AppOptions { logger?: boolean | object }

export async function buildApp(rt: Runtime, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: rt.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerForeground(app, rt.foreground);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Request-Id', request.id);
    return payload;
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: rt.config.maxBodyBytes, files: 20, fields: 50, fieldSize: 1024 * 1024 } });
  registerJsonBody(app);
  registerTextParams(app);
  registerStagedUploadCleanup(app);
  registerErrorHandling(app);
  registerRequestDeadline(app, rt.config.deadlineMs);
  registerAuth(app, rt);
  registerIdempotency(app, rt);
  await registerOpenApi(app);
  for (const routes of routeModules(rt)) await app.register(routes);
  return app;
}
