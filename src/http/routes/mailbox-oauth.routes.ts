/**
 * Connecting a mailbox by OAuth2 (Microsoft 365, Google): an admin asks for the
 * provider's authorization URL, consents there, and the provider sends the browser
 * back to the callback, which the signed `state` authenticates (no session needed).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { completeMailboxOAuth } from '../../mail/inbound/oauth/complete-mailbox-oauth.ts';
import { startMailboxOAuth } from '../../mail/inbound/oauth/start-mailbox-oauth.ts';
import type { Runtime } from '../../runtime.ts';
import { errorResponses, problemSchema, uuidParam } from '../schemas/common.schema.ts';

const callbackQuery = z.object({
  state: z.string().min(1).max(4000),
  code: z.string().min(1).max(4000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

export function mailboxOAuthRoutes(rt: Runtime) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post('/tickets/api/mailboxes/:id/oauth/start/', {
      // The answer carries a one-time state: nothing to replay.
      config: { idempotency: false },
      schema: {
        tags: ['mailboxes'], summary: "The provider's URL where an admin consents to Parley reading the mailbox (admins)",
        params: uuidParam, response: { 200: z.object({ authorization_url: z.string() }), ...errorResponses },
      },
    }, async (request) => ({ authorization_url: await startMailboxOAuth(rt, request.ctx(), request.params.id) }));

    r.get('/tickets/api/oauth/callback/', {
      config: { auth: 'none' },
      schema: {
        tags: ['mailboxes'], summary: 'Where the OAuth2 provider sends the browser back after consent',
        querystring: callbackQuery,
        response: {
          200: { description: 'A small HTML page saying the mailbox is connected', content: { 'text/html': { schema: z.string() } } },
          400: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema, 502: problemSchema,
        },
      },
    }, async (request, reply) => {
      const q = request.query;
      const mailbox = await completeMailboxOAuth(rt, { state: q.state, code: q.code, error: q.error, errorDescription: q.error_description });
      return reply
        .type('text/html; charset=utf-8')
        .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('Cache-Control', 'no-store')
        .send(connectedPage(mailbox.name));
    });
  };
}

function connectedPage(name: string): string {
  const safe = name.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mailbox connected</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}</style></head>
<body><h1>Mailbox connected</h1><p>Parley can now read the mailbox <strong>${safe}</strong>. You can close this window.</p></body></html>
`;
}
