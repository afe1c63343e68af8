/**
 * The live stream: Server-Sent Events of every committed event the caller may see
 * (docs/live-updates.md is the client contract). Authenticated like the rest of the API
 * (an EventSource sends the session cookie); resumes after `Last-Event-ID` (or
 * `?last_event_id=` for clients that cannot set headers).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UnauthorizedError, ValidationError } from '../../domain/shared/errors.ts';
import type { LiveStream } from '../../live/live-stream.ts';
import type { Runtime } from '../../runtime.ts';
import { errorResponses, problemSchema } from '../schemas/common.schema.ts';

const eventId = z.string().regex(/^\d{1,15}$/, 'must be an event id (a whole number)');

export function streamRoutes(rt: Runtime) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const open = new Set<LiveStream>();
    // A stream never ends by itself: closing the server ends them, or it would wait for every client.
    app.addHook('preClose', async () => { for (const s of open) s.close(); });

    r.get('/tickets/api/stream/', {
      schema: {
        tags: ['live'], summary: 'Live updates (Server-Sent Events)',
        description: 'A text/event-stream of the events the caller may see: `id:` the event id, `event:` its name, `data:` JSON. '
          + 'Send `Last-Event-ID` (or `?last_event_id=`) to resume; `event: reset` means refetch. See docs/live-updates.md.',
        querystring: z.object({ last_event_id: eventId.optional() }),
        response: { 200: z.any().describe('text/event-stream'), ...errorResponses, 503: problemSchema },
      },
    }, async (request, reply) => {
      const actor = request.actor;
      if (!actor) throw new UnauthorizedError();
      const header = request.headers['last-event-id'];
      if (header !== undefined && (typeof header !== 'string' || !eventId.safeParse(header.trim()).success)) {
        throw ValidationError.field('Last-Event-ID', 'must be an event id (a whole number)');
      }
      // A reconnecting EventSource sends the header and repeats the URL it was opened with: the header is newer.
      const given = header !== undefined ? header.trim() : request.query.last_event_id;
      const stream = rt.live.open(actor, reply.raw, { 'X-Request-Id': request.id });
      reply.hijack();
      // Open for as long as the client stays: it must not hold the job worker back meanwhile.
      request.leaveForeground();
      open.add(stream);
      reply.raw.once('close', () => open.delete(stream));
      await rt.live.start(stream, given === undefined ? null : Number(given));
    });
  };
}
