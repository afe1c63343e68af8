/**
 * A ticket's messages: the thread in pages (newest first), and replies and internal notes
 * on it (JSON or multipart with attachments).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAttachmentsOfMessages } from '../../domain/attachments/attachments.repo.ts';
import { withStoredUploads } from '../../domain/attachments/store-uploads.ts';
import { listTicketMessages } from '../../domain/tickets/list-ticket-messages.ts';
import { replyToTicket } from '../../domain/tickets/reply-to-ticket.ts';
import { presentMessage } from '../../domain/tickets/ticket.presenter.ts';
import { findUsersByIds } from '../../domain/users/users.repo.ts';
import type { Runtime } from '../../runtime.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { multipartToBody } from '../multipart-body.ts';
import { noteForm, replyForm } from '../schemas/multipart.schema.ts';
import { errorResponses, listQuery, pageOf, uuidParam } from '../schemas/common.schema.ts';
import { messageSchema, replyBody, threadMessageSchema } from '../schemas/tickets.schema.ts';

export function ticketMessagesRoutes(rt: Runtime) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/tickets/api/tickets/:id/messages/', {
      schema: {
        tags: ['tickets'], summary: 'The thread in pages, newest first; next_cursor reads older messages',
        params: uuidParam, querystring: z.object(listQuery), response: { 200: pageOf(threadMessageSchema), ...errorResponses },
      },
    }, async (request) => {
      const q = request.query;
      const before = q.cursor ? decodeCursor(q.cursor, ['string', 'string']) : undefined;
      const page = await listTicketMessages(request.ctx(), request.params.id, { limit: q.limit, before: before && { createdAt: before[0], id: before[1] } });
      return { results: page.messages, next_cursor: page.older && encodeCursor([page.older.createdAt, page.older.id]) };
    });

    const responses = { 201: messageSchema, 400: errorResponses[422], 409: errorResponses[422], 413: errorResponses[422], 415: errorResponses[422], ...errorResponses };

    for (const [path, forcedType, summary] of [
      ['/tickets/api/tickets/:id/reply/', undefined, 'Reply to a ticket, or add a note with "message_type": "note"'],
      ['/tickets/api/tickets/:id/notes/', 'note', 'Add an internal note (staff only)'],
    ] as const) {
      r.post(path, {
        schema: { tags: ['tickets'], summary, params: uuidParam, body: replyBody, multipartBody: forcedType ? noteForm : replyForm, response: responses },
        preValidation: multipartToBody(rt, 'message'),
      }, async (request, reply) => {
        const ctx = request.ctx();
        const b = request.body;
        const message = await withStoredUploads(ctx, request.uploadedFiles, (files) => replyToTicket(ctx, request.params.id, {
          body: b.body, bodyHtml: b.body_html, messageType: forcedType ?? b.message_type,
          channel: request.authKind === 'session' ? 'web' : 'api', timeSpent: b.time_spent,
          attachments: files, status: b.status, sendAt: 'send_at' in b ? b.send_at : undefined,
        }));
        const [users, attachments] = await Promise.all([
          findUsersByIds(ctx.db, ctx.tenantId, message.author_id ? [message.author_id] : []),
          listAttachmentsOfMessages(ctx.db, ctx.tenantId, [message.id]),
        ]);
        const body = presentMessage(message, { users: new Map(users.map((u) => [u.id, u])) }, attachments.get(message.id) ?? []);
        return reply.code(201).send(body);
      });
    }
  };
}
