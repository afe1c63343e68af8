/** The OpenAPI 3.1 document, generated from the routes' Zod schemas, and its interactive docs. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { MultipartForm } from '../schemas/multipart.schema.ts';
import { OPERATION_IDS } from '../schemas/operation-ids.ts';

declare module 'fastify' {
  interface FastifySchema {
    /** The multipart/form-data form a route also takes besides its JSON body (documentation only). */
    multipartBody?: MultipartForm;
  }
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/**
 * The Zod transform, plus: every operation gets its operationId (schemas/operation-ids.ts),
 * and a route with `multipartBody` gets a requestBody with both
 * media types, its JSON schema under application/json and its form under
 * multipart/form-data (swagger emits each key of `content` as is).
 */
function transform(input: TransformInput) {
  const { multipartBody, ...schema } = (input.schema ?? {}) as TransformInput['schema'] & { multipartBody?: MultipartForm };
  const out = jsonSchemaTransform({ ...input, schema } as TransformInput);
  const methods = [input.route.method].flat().filter((m) => m !== 'HEAD');
  const operationId = methods.length === 1 ? OPERATION_IDS[`${methods[0]} ${input.url}`] : undefined;
  if (operationId) (out.schema as { operationId?: string }).operationId = operationId;
  if (multipartBody && out.schema.body) {
    out.schema.body = { content: { 'application/json': { schema: out.schema.body }, 'multipart/form-data': { schema: multipartBody } } };
  }
  return out;
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Parley API', version: '1', description: 'The REST API of Parley, a self-hosted helpdesk. Errors are RFC 9457 problem+json.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An access JWT from POST /tickets/api/auth/token/, or an API token (pat_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'parley_session', description: 'Web session; state-changing requests also need X-CSRF-Token' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/tickets/api/docs', uiConfig: { deepLinking: true } });
  app.get('/tickets/api/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, async () => app.swagger());
}
