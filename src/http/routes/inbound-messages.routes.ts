/**
 * Received mail for admins: every message as stored before processing, what became of
 * it and why, its raw bytes as a download, and the way back for mail that failed.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { discardInbound } from '../../domain/mailboxes/discard-inbound.ts';
import { presentInbound, presentInboundSummary } from '../../domain/mailboxes/inbound-message.presenter.ts';
import { authorizeInboundMessage } from '../../domain/mailboxes/inbound-message.policy.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import { countInboundByStatus, findInbound, INBOUND_STATUSES, listInbound, loadInboundRaw } from '../../mail/inbound/inbound.repo.ts';
import { reprocessInbound } from '../../mail/inbound/reprocess-inbound.ts';
import { TRACE_DECISIONS, TRACE_STEPS } from '../../mail/inbound/trace.ts';
import { decodeCursor, pageFrom } from '../cursor.ts';
import { errorResponses, listQuery, pageOf, uuidParam } from '../schemas/common.schema.ts';

const summary = {
  id: z.string(), source: z.string(), mailbox: z.string().nullable(), status: z.enum(INBOUND_STATUSES), reason: z.string().nullable(),
  subject: z.string().nullable(), from: z.string().nullable(), size: z.number().int(),
  received_at: z.string(), processed_at: z.string().nullable(), ticket: z.string().nullable(),
};
const summarySchema = z.object(summary).meta({ id: 'InboundMessageSummary' });
const traceSchema = z.object({
  entries: z.array(z.object({
    step: z.enum(TRACE_STEPS).describe('The pipeline step that decided (outcome: what became of the message)'),
    decision: z.enum([...new Set(Object.values(TRACE_DECISIONS).flat())]).describe('A fixed code per step; see docs/mail-decisions.md'),
    detail: z.string().describe('The decision in words, with its evidence; never the message text beyond a short excerpt'),
  })),
  omitted: z.number().int().describe('Decisions left out to keep the trace bounded'),
  dry_run: z.boolean(),
}).meta({ id: 'InboundTrace' });
const detailSchema = z.object({
  ...summary, message_id: z.string().nullable(), source_ref: z.string().nullable(),
  accepted_by: z.string().nullable().describe('The admin who had it made a ticket despite the automatic-mail verdict'),
  envelope: z.object({ mail_from: z.string().nullable(), recipients: z.array(z.string()) }).nullable(),
  trace: traceSchema.nullable().describe('Which step decided what, and why, in the last processing; null while it waits to be processed'),
}).meta({ id: 'InboundMessage' });
const countsSchema = z.object(Object.fromEntries(INBOUND_STATUSES.map((s) => [s, z.number().int()]))).meta({ id: 'InboundCounts' });

const listInboundQuery = z.object({
  status: z.enum(INBOUND_STATUSES).optional(),
  mailbox: z.string().uuid('must be a mailbox id').optional(),
  ...listQuery,
});

const adminOnly = (ctx: Ctx) => authorizeInboundMessage(ctx.actor, 'read');

export function inboundMessagesRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['received mail'];

    r.get('/tickets/api/inbound-messages/', {
      schema: { tags, summary: 'Received mail, newest first (admins)', querystring: listInboundQuery, response: { 200: pageOf(summarySchema), ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      adminOnly(ctx);
      const q = request.query;
      const before = q.cursor ? decodeCursor(q.cursor, ['string', 'string']) : undefined;
      const rows = await listInbound(ctx.db, ctx.tenantId, {
        status: q.status, mailboxId: q.mailbox, before: before && { at: before[0], id: before[1] }, limit: q.limit + 1,
      });
      const { page, nextCursor } = pageFrom(rows, q.limit, (m) => [m.received_at, m.id]);
      return { results: page.map(presentInboundSummary), next_cursor: nextCursor };
    });

    r.get('/tickets/api/inbound-messages/counts/', {
      schema: { tags, summary: 'How many received messages are in each status (admins)', response: { 200: countsSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      adminOnly(ctx);
      const counts = await countInboundByStatus(ctx.db, ctx.tenantId);
      return Object.fromEntries(INBOUND_STATUSES.map((s) => [s, counts[s] ?? 0]));
    });

    r.get('/tickets/api/inbound-messages/:id/', {
      schema: { tags, summary: 'A received message (admins)', params: uuidParam, response: { 200: detailSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      adminOnly(ctx);
      const inbound = await findInbound(ctx.db, ctx.tenantId, request.params.id);
      if (!inbound) throw new NotFoundError('received message');
      return presentInbound(inbound);
    });

    r.get('/tickets/api/inbound-messages/:id/raw/', {
      schema: { tags, summary: 'The message as received, an .eml download (admins)', params: uuidParam, response: { 200: z.any().describe('message/rfc822'), ...errorResponses } },
    }, async (request, reply) => {
      const ctx = request.ctx();
      adminOnly(ctx);
      const raw = await loadInboundRaw(ctx.db, ctx.tenantId, request.params.id);
      if (!raw) throw new NotFoundError('raw message');
      // Mail is hostile: always a download, never rendered, never sniffed into HTML.
      return reply
        .header('Content-Type', 'message/rfc822')
        .header('Content-Disposition', `attachment; filename="message-${request.params.id}.eml"`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "sandbox; default-src 'none'")
        .header('Cache-Control', 'private, max-age=0')
        .send(raw);
    });

    r.post('/tickets/api/inbound-messages/:id/reprocess/', {
      schema: { tags, summary: 'Run a quarantined, rejected, dropped or ignored message through the pipeline again (admins)', params: uuidParam, response: { 202: detailSchema, 409: errorResponses[422], ...errorResponses } },
    }, async (request, reply) => reply.code(202).send(presentInbound(await reprocessInbound(request.ctx(), request.params.id))));

    r.post('/tickets/api/inbound-messages/:id/accept/', {
      schema: {
        tags, summary: 'Make an ignored (automatic-looking) message a ticket after all (admins)',
        description: 'Runs the message through the pipeline again without the automatic-mail and bounce verdict: it becomes a ticket, or a reply on the ticket it continues. Audited as inbound.accepted.',
        params: uuidParam, response: { 202: detailSchema, 409: errorResponses[422], ...errorResponses },
      },
    }, async (request, reply) => reply.code(202).send(presentInbound(await reprocessInbound(request.ctx(), request.params.id, { asTicket: true }))));

    r.post('/tickets/api/inbound-messages/:id/discard/', {
      schema: { tags, summary: 'Discard a quarantined message and delete its raw bytes (admins)', params: uuidParam, response: { 200: detailSchema, 409: errorResponses[422], ...errorResponses } },
    }, async (request) => presentInbound(await discardInbound(request.ctx(), request.params.id)));
  };
}
