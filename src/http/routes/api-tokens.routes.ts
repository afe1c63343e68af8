/** Personal API tokens for integrations: list, create (the secret is shown once), revoke. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listApiTokens } from '../../domain/auth/api-tokens.repo.ts';
import { requirePerson } from '../../domain/shared/context.ts';
import { API_TOKEN_SCOPES, createApiToken, presentApiToken, revokeApiToken } from '../../domain/auth/api-tokens.ts';
import { authorizeApiToken } from '../../domain/auth/api-token.policy.ts';
import { errorResponses, uuidParam } from '../schemas/common.schema.ts';

const apiTokenSchema = z.object({
  id: z.string(), name: z.string(), prefix: z.string(), scopes: z.array(z.string()), user: z.string(),
  created_at: z.string(), last_used_at: z.string().nullable(), expires_at: z.string().nullable(), revoked_at: z.string().nullable(),
}).meta({ id: 'ApiToken' });
const createdTokenSchema = apiTokenSchema.extend({ token: z.string().describe('the secret; shown only in this answer') }).meta({ id: 'CreatedApiToken' });

const listTokensQuery = z.object({
  user: z.string().uuid().optional().describe("admins: another account's tokens"),
  all: z.enum(['true', 'false']).optional().describe('admins: every token of the tenant'),
});
const createBody = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(API_TOKEN_SCOPES)).min(1).max(API_TOKEN_SCOPES.length).describe('read: GET only; write: everything the owner may do'),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
}).meta({ id: 'CreateApiToken' });

export function apiTokensRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/api-tokens/', {
      schema: { tags: ['api-tokens'], summary: 'Your API tokens (admins: anyone’s, or all)', querystring: listTokensQuery, response: { 200: z.array(apiTokenSchema), ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      const actor = requirePerson(ctx.actor);
      const { user, all } = request.query;
      authorizeApiToken(actor, 'list', { userId: user, all: all === 'true' });
      const rows = await listApiTokens(ctx.db, ctx.tenantId, all === 'true' ? undefined : user ?? actor.id);
      return rows.map(presentApiToken);
    });

    r.post('/tickets/api/api-tokens/', {
      // The answer holds the token's secret: it must not be kept for idempotent replays.
      config: { idempotency: false },
      schema: { tags: ['api-tokens'], summary: 'Create an API token acting as you', body: createBody, response: { 201: createdTokenSchema, ...errorResponses } },
    }, async (request, reply) => {
      const b = request.body;
      const { token, row } = await createApiToken(request.ctx(), {
        name: b.name, scopes: b.scopes, expiresAt: b.expires_at ? new Date(b.expires_at).toISOString() : null,
      });
      return reply.code(201).send({ ...presentApiToken(row), token });
    });

    r.delete('/tickets/api/api-tokens/:id/', {
      schema: { tags: ['api-tokens'], summary: 'Revoke an API token (its owner or an admin)', params: uuidParam, response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      await revokeApiToken(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    });
  };
}
