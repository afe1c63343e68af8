/**
 * Presence on a ticket (docs/presence.md): staff say every few seconds that they are
 * viewing or replying, and learn who else is; leaving says so at once. Kept in the
 * database, so every instance behind the load balancer sees the same people.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { heartbeatPresence, PRESENCE_TTL_SECONDS } from '../../domain/presence/heartbeat-presence.ts';
import { leavePresence } from '../../domain/presence/leave-presence.ts';
import { errorResponses, uuidParam } from '../schemas/common.schema.ts';

const STATES = ['viewing', 'replying'] as const;

const presenceSchema = z.object({
  others: z.array(z.object({ user_id: z.string(), name: z.string(), state: z.enum(STATES) }))
    .describe('the other staff on the ticket now, by name (never the caller)'),
  ttl_seconds: z.number().int().describe('how long this heartbeat counts: send the next one well before'),
}).meta({ id: 'TicketPresence' });

const PATH = '/tickets/api/tickets/:id/presence/';

export function presenceRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.put(PATH, {
      schema: {
        tags: ['tickets'], summary: 'Say you are viewing or replying on a ticket, and see who else is (staff)',
        description: `A heartbeat: it counts for ${PRESENCE_TTL_SECONDS} s; send one every 10–15 s while the ticket is open.`,
        params: uuidParam, body: z.object({ state: z.enum(STATES) }).strict(),
        response: { 200: presenceSchema, ...errorResponses },
      },
    }, async (request) => ({
      others: await heartbeatPresence(request.ctx(), request.params.id, request.body.state),
      ttl_seconds: PRESENCE_TTL_SECONDS,
    }));

    r.delete(PATH, {
      schema: { tags: ['tickets'], summary: 'Say you left a ticket (staff)', params: uuidParam, response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      await leavePresence(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    });
  };
}
