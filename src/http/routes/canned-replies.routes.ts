/** Canned replies (docs/canned-replies.md): staff list theirs and the shared ones; people change their own, admins the shared. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorizeCannedReply } from '../../domain/canned-replies/canned-reply.policy.ts';
import { presentCannedReply } from '../../domain/canned-replies/canned-reply.presenter.ts';
import { findCannedReply, listCannedReplies } from '../../domain/canned-replies/canned-replies.repo.ts';
import { deleteCannedReply } from '../../domain/canned-replies/delete-canned-reply.ts';
import { saveCannedReply } from '../../domain/canned-replies/save-canned-reply.ts';
import { requirePerson } from '../../domain/shared/context.ts';
import { decodeCursor, pageFrom } from '../cursor.ts';
import { cannedReplySchema, createCannedReplyBody, listCannedRepliesQuery, updateCannedReplyBody } from '../schemas/canned-replies.schema.ts';
import { errorResponses, pageOf, uuidParam } from '../schemas/common.schema.ts';

export function cannedRepliesRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/canned-replies/', {
      schema: { tags: ['canned-replies'], summary: 'Your canned replies and the shared ones you see, by name (staff)', querystring: listCannedRepliesQuery, response: { 200: pageOf(cannedReplySchema), ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeCannedReply(ctx.actor, 'list');
      const actor = requirePerson(ctx.actor);
      const q = request.query;
      const after = q.cursor ? decodeCursor(q.cursor, ['string', 'string']) : undefined;
      const rows = await listCannedReplies(ctx.db, ctx.tenantId, {
        userId: actor.id, departmentIds: actor.role === 'agent' && actor.restrictedToDepartments ? actor.departmentIds : null,
        mine: q.mine === undefined ? undefined : q.mine === 'true', forDepartment: q.department,
        after: after && { name: after[0], id: after[1] }, limit: q.limit + 1,
      });
      const { page, nextCursor } = pageFrom(rows, q.limit, (x) => [x.name, x.id]);
      return { results: page.map((x) => presentCannedReply(actor, x)), next_cursor: nextCursor };
    });

    r.post('/tickets/api/canned-replies/', {
      schema: { tags: ['canned-replies'], summary: 'Create a canned reply: your own (staff) or a shared one (admins)', body: createCannedReplyBody, response: { 201: cannedReplySchema, ...errorResponses } },
    }, async (request, reply) => {
      const ctx = request.ctx();
      const b = request.body;
      const row = await saveCannedReply(ctx, null, { name: b.name, shortcut: b.shortcut, body: b.body, bodyHtml: b.body_html, departmentId: b.department, shared: b.shared });
      return reply.code(201).header('Location', `/tickets/api/canned-replies/${row.id}/`).send(presentCannedReply(ctx.actor, row));
    });

    r.get('/tickets/api/canned-replies/:id/', {
      schema: { tags: ['canned-replies'], summary: 'A canned reply (staff: your own, or a shared one you see)', params: uuidParam, response: { 200: cannedReplySchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeCannedReply(ctx.actor, 'list');
      const row = await findCannedReply(ctx.db, ctx.tenantId, request.params.id);
      authorizeCannedReply(ctx.actor, 'read', row);
      return presentCannedReply(ctx.actor, row!);
    });

    r.patch('/tickets/api/canned-replies/:id/', {
      schema: { tags: ['canned-replies'], summary: 'Change a canned reply (your own; shared ones: admins)', params: uuidParam, body: updateCannedReplyBody, response: { 200: cannedReplySchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      const b = request.body;
      const row = await saveCannedReply(ctx, request.params.id, { name: b.name, shortcut: b.shortcut, body: b.body, bodyHtml: b.body_html, departmentId: b.department });
      return presentCannedReply(ctx.actor, row);
    });

    r.delete('/tickets/api/canned-replies/:id/', {
      schema: { tags: ['canned-replies'], summary: 'Delete a canned reply (your own; shared ones: admins)', params: uuidParam, response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      await deleteCannedReply(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    });
  };
}
