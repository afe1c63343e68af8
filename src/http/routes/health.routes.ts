/** Liveness (the process answers) and readiness (the database answers). */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Runtime } from '../../runtime.ts';
import { sendProblem } from '../problem.ts';

export function healthRoutes(rt: Runtime) {
  return async (app: FastifyInstance) => {
    app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
      try {
        await sql`select 1`.execute(rt.db);
        return { status: 'ready', database: rt.dialect };
      } catch {
        return sendProblem(request, reply, 503, 'not-ready', 'The database does not answer.');
      }
    });
  };
}
