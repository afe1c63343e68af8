/** Tags: the seed's list, creation by staff, deletion by admins. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { removeTag } from '../../domain/tags/delete-tag.ts';
import { ensureTags } from '../../domain/tags/ensure-tags.ts';
import { countTicketsPerTag, listTags } from '../../domain/tags/tags.repo.ts';
import { authorizeTag, canSeeTagCounts } from '../../domain/tags/tag.policy.ts';
import { inTransaction } from '../../domain/shared/transaction.ts';
import { errorResponses, intIdParam } from '../schemas/common.schema.ts';

const tagSchema = z.object({ id: z.number().int(), name: z.string(), slug: z.string(), ticket_count: z.number().int().optional() }).meta({ id: 'Tag' });

export function tagsRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/tags/', {
      schema: { tags: ['tags'], summary: 'List tags', response: { 200: z.array(tagSchema), ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      const [tags, counts] = await Promise.all([listTags(ctx.db, ctx.tenantId), canSeeTagCounts(ctx.actor) ? countTicketsPerTag(ctx.db, ctx.tenantId) : null]);
      return tags.map((t) => ({ id: t.id, name: t.name, slug: t.slug, ...(counts && { ticket_count: counts.get(t.id) ?? 0 }) }));
    });

    r.post('/tickets/api/tags/', {
      schema: { tags: ['tags'], summary: 'Create a tag (staff)', body: z.object({ name: z.string().trim().min(1).max(50) }), response: { 201: tagSchema, ...errorResponses } },
    }, async (request, reply) => {
      const ctx = request.ctx();
      authorizeTag(ctx.actor, 'create');
      const [tag] = await inTransaction(ctx, (tx) => ensureTags(tx, [request.body.name]));
      return reply.code(201).send({ id: tag.id, name: tag.name, slug: tag.slug });
    });

    r.delete('/tickets/api/tags/:id/', {
      schema: { tags: ['tags'], summary: 'Delete a tag (admins)', params: intIdParam, response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      await removeTag(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    });
  };
}
