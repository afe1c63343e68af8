/**
 * The Ferndesk custom support endpoint (seed 004, docs/ferndesk.md): admins enable it (or
 * rotate its URL), set its options, disable it and test it; Ferndesk reads the public feed
 * at the URL, which carries the token (Ferndesk cannot send credentials).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentFerndesk } from '../../domain/integrations/ferndesk/ferndesk.presenter.ts';
import {
  disableFerndesk, enableFerndesk, FEED_PATH_PREFIX, ferndeskFeedUrl, readFerndesk, updateFerndeskOptions,
} from '../../domain/integrations/ferndesk/manage-ferndesk.ts';
import { DEFAULT_FEED_LIMIT, findFeedTenant, MAX_FEED_LIMIT, readFerndeskFeed, type FeedQuery } from '../../domain/integrations/ferndesk/read-ferndesk-feed.ts';
import { testFerndeskEndpoint } from '../../domain/integrations/ferndesk/test-ferndesk-endpoint.ts';
import type { Runtime } from '../../runtime.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { limit } from '../plugins/auth.ts';
import { sendProblem } from '../problem.ts';
import { RateLimiter } from '../rate-limiter.ts';
import { errorResponses, problemSchema } from '../schemas/common.schema.ts';
import {
  feedParams, feedQuery, feedSchema, ferndeskEnabledSchema, ferndeskStateSchema, ferndeskTestReportSchema, testFerndeskBody, updateFerndeskBody,
} from '../schemas/ferndesk.schema.ts';

const BASE = '/tickets/api/integrations/ferndesk/';
/** Requests per minute: per endpoint, and per calling address (whatever the token). */
export const FEED_RATE_LIMIT = 60;
export const FEED_RATE_LIMIT_PER_ADDRESS = 300;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The start of a YYYY-MM-DD day (UTC) as ISO 8601, or null when it is not a real day. */
function dayStart(value: string): string | null {
  const m = DAY.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? d.toISOString() : null;
}

type Parsed = { ok: true; query: FeedQuery } | { ok: false; field: string; message: string };

function parseFeedQuery(q: z.infer<typeof feedQuery>): Parsed {
  if (!q.startDate) return { ok: false, field: 'startDate', message: 'is required: a day as YYYY-MM-DD, e.g. ?startDate=2025-01-01' };
  const since = dayStart(q.startDate);
  if (!since) return { ok: false, field: 'startDate', message: `"${q.startDate}" is not a day as YYYY-MM-DD, e.g. 2025-01-01` };
  const n = q.limit === undefined ? DEFAULT_FEED_LIMIT : Number(q.limit);
  if (!Number.isInteger(n) || n < 1 || n > MAX_FEED_LIMIT) return { ok: false, field: 'limit', message: `must be a whole number from 1 to ${MAX_FEED_LIMIT}` };
  let after: FeedQuery['after'];
  if (q.cursor) {
    try { const [updatedAt, id] = decodeCursor(q.cursor, ['string', 'string']); after = { updatedAt, id }; } catch {
      return { ok: false, field: 'cursor', message: 'is not a cursor this endpoint returned' };
    }
  }
  return { ok: true, query: { since, limit: n, after } };
}

export function ferndeskRoutes(rt: Runtime) {
  const perEndpoint = new RateLimiter(FEED_RATE_LIMIT, 60_000);
  const perAddress = new RateLimiter(FEED_RATE_LIMIT_PER_ADDRESS, 60_000);
  const state = { tags: ['integrations'] };

  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(BASE, {
      schema: { ...state, summary: 'The Ferndesk endpoint: enabled or not, since when, its role name (never its URL)', response: { 200: ferndeskStateSchema, ...errorResponses } },
    }, async (request) => presentFerndesk(await readFerndesk(request.ctx())));

    r.post(BASE, {
      // The answer holds the URL with its token: never kept for idempotent replays.
      config: { idempotency: false },
      schema: { ...state, summary: 'Enable the Ferndesk endpoint, or rotate its URL (the old one answers 404); answers the URL once', response: { 200: ferndeskEnabledSchema, ...errorResponses } },
    }, async (request) => {
      const { row, token } = await enableFerndesk(request.ctx());
      return { ...presentFerndesk(row), url: ferndeskFeedUrl(rt.config.baseUrl, token) };
    });

    r.patch(BASE, {
      schema: { ...state, summary: "Change the Ferndesk endpoint's options (the role name of staff messages)", body: updateFerndeskBody, response: { 200: ferndeskStateSchema, ...errorResponses } },
    }, async (request) => presentFerndesk(await updateFerndeskOptions(request.ctx(), { roleName: request.body.role_name })));

    r.delete(BASE, {
      schema: { ...state, summary: 'Disable the Ferndesk endpoint: its URL answers 404 from now on', response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      await disableFerndesk(request.ctx());
      return reply.code(204).send(null);
    });

    r.post(`${BASE}test/`, {
      schema: { ...state, summary: 'Fetch the endpoint as Ferndesk would and report: reachable, valid JSON, format errors field by field', body: testFerndeskBody, response: { 200: ferndeskTestReportSchema, ...errorResponses } },
    }, async (request) => {
      const startDate = request.body.start_date ?? new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
      return testFerndeskEndpoint(request.ctx(), { url: request.body.url, startDate }, { baseUrl: rt.config.baseUrl, timeoutMs: 10_000 });
    });

    r.get(`${FEED_PATH_PREFIX}:token/`, {
      config: { auth: 'none' },
      schema: {
        ...state, security: [], params: feedParams, querystring: feedQuery,
        summary: "The public feed Ferndesk reads: the tenant's conversations with a public message since startDate (the URL is the credential)",
        description: `Seed 004's format. At most ${MAX_FEED_LIMIT} conversations per page (default ${DEFAULT_FEED_LIMIT}), most recently updated first; a Link rel="next" header names the next page. Rate-limited to ${FEED_RATE_LIMIT} requests a minute per endpoint.`,
        response: { 200: feedSchema, 400: problemSchema, 404: problemSchema, 429: problemSchema },
      },
    }, async (request, reply) => {
      if (!limit(perAddress, `ferndesk-ip:${request.ip}`, reply) || !limit(perEndpoint, `ferndesk:${request.params.token}`, reply)) return reply;
      // The token first: an unknown one answers 404 whatever the query says.
      const endpoint = await findFeedTenant(rt, request.params.token);
      const parsed = parseFeedQuery(request.query);
      if (!parsed.ok) return badRequest(request, reply, parsed.field, parsed.message);
      const page = await readFerndeskFeed(rt, endpoint, parsed.query, rt.config.baseUrl);
      reply.header('cache-control', 'no-store');
      if (page.next) {
        const next = new URL(ferndeskFeedUrl(rt.config.baseUrl, request.params.token));
        next.searchParams.set('startDate', request.query.startDate!);
        next.searchParams.set('limit', String(parsed.query.limit));
        next.searchParams.set('cursor', encodeCursor([page.next.updatedAt, page.next.id]));
        reply.header('link', `<${next.toString()}>; rel="next"`);
      }
      return { conversations: page.conversations };
    });
  };
}

function badRequest(request: FastifyRequest, reply: FastifyReply, field: string, message: string) {
  return sendProblem(request, reply, 400, 'bad-request', `${field} ${message}`, [{ field, message }]);
}
