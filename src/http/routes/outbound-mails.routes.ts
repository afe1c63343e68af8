/**
 * The outbox: what went out, what waits (queued, scheduled, held) and what failed; retry,
 * release, cancel, and a new send_at for scheduled mail. Admins see all of it; agents only
 * the replies they scheduled (outbound-mail.policy.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cancelOutboundMail } from '../../mail/outbound/cancel-outbound-mail.ts';
import { findOneOutboundMail, findOutboundMails } from '../../mail/outbound/find-outbound-mails.ts';
import { presentOutboundMail } from '../../mail/outbound/outbound-mail.presenter.ts';
import { releaseOutboundMail } from '../../mail/outbound/release-outbound-mail.ts';
import { rescheduleOutboundMail } from '../../mail/outbound/reschedule-outbound-mail.ts';
import { retryOutboundMail } from '../../mail/outbound/retry-outbound-mail.ts';
import { decodeCursor, pageFrom } from '../cursor.ts';
import { errorResponses, listQuery, pageOf, uuidParam } from '../schemas/common.schema.ts';

const STATUSES = ['scheduled', 'queued', 'held', 'sent', 'failed', 'cancelled'] as const;

const outboundMailSchema = z.object({
  id: z.string(), ticket_id: z.string().nullable(), message_id: z.string().nullable(), kind: z.string(),
  status: z.enum(STATUSES), reason: z.string().nullable().describe('why it waits, was held, cancelled or failed'), last_error: z.string().nullable(),
  from: z.string(), reply_to: z.string().nullable(), to: z.array(z.string()), cc: z.array(z.string()), subject: z.string(),
  email_message_id: z.string(), in_reply_to: z.string().nullable(), references: z.array(z.string()),
  automatic: z.boolean(), attempts: z.number().int(),
  send_at: z.string(), sent_at: z.string().nullable(), last_attempt_at: z.string().nullable(), created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'OutboundMail' });

const rescheduleBody = z.object({
  send_at: z.string().max(64).describe('ISO 8601 with offset, in the future, at most 365 days ahead'),
}).meta({ id: 'RescheduleOutboundMail' });

const query = z.object({ status: z.enum(STATUSES).optional().describe('scheduled: queued with send_at ahead; queued: due now'), ticket: z.string().uuid('must be a UUID').optional(), ...listQuery });
const BASE = '/tickets/api/outbound-mails';

export function outboundMailsRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const action = { params: uuidParam, response: { 200: outboundMailSchema, 409: errorResponses[422], ...errorResponses } };

    r.get(`${BASE}/`, {
      schema: { tags: ['outbound-mails'], operationId: 'listOutboundMails', summary: 'Outgoing mail, newest first (admins; agents: the replies they scheduled)', querystring: query, response: { 200: pageOf(outboundMailSchema), ...errorResponses } },
    }, async (request) => {
      const q = request.query;
      const rows = await findOutboundMails(request.ctx(), {
        status: q.status, ticketId: q.ticket, beforeId: q.cursor ? decodeCursor(q.cursor, ['string'])[0] : undefined, limit: q.limit + 1,
      });
      const { page, nextCursor } = pageFrom(rows, q.limit, (m) => [m.id]);
      return { results: page.map(presentOutboundMail), next_cursor: nextCursor };
    });

    r.get(`${BASE}/:id/`, {
      schema: { tags: ['outbound-mails'], operationId: 'getOutboundMail', summary: 'One outgoing mail and its delivery state (admins; agents: a reply they scheduled)', params: uuidParam, response: { 200: outboundMailSchema, ...errorResponses } },
    }, async (request) => presentOutboundMail(await findOneOutboundMail(request.ctx(), request.params.id)));

    r.patch(`${BASE}/:id/`, {
      schema: {
        tags: ['outbound-mails'], operationId: 'rescheduleOutboundMail', summary: 'Change when a scheduled mail goes out (admins; agents: a reply they scheduled)',
        params: uuidParam, body: rescheduleBody, response: { 200: outboundMailSchema, 409: errorResponses[422], ...errorResponses },
      },
    }, async (request) => presentOutboundMail(await rescheduleOutboundMail(request.ctx(), request.params.id, request.body.send_at)));

    r.post(`${BASE}/:id/retry/`, {
      schema: { tags: ['outbound-mails'], operationId: 'retryOutboundMail', summary: 'Queue a failed mail again, same Message-ID (admins)', ...action },
    }, async (request) => presentOutboundMail(await retryOutboundMail(request.ctx(), request.params.id)));

    r.post(`${BASE}/:id/release/`, {
      schema: { tags: ['outbound-mails'], operationId: 'releaseOutboundMail', summary: 'Send a mail the send threshold held back (admins)', ...action },
    }, async (request) => presentOutboundMail(await releaseOutboundMail(request.ctx(), request.params.id)));

    r.post(`${BASE}/:id/cancel/`, {
      schema: { tags: ['outbound-mails'], operationId: 'cancelOutboundMail', summary: 'Cancel a queued, scheduled or held mail (admins; agents: a reply they scheduled)', ...action },
    }, async (request) => presentOutboundMail(await cancelOutboundMail(request.ctx(), request.params.id)));
  };
}
