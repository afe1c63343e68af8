/**
 * A deadline per HTTP request: a request still unanswered after `deadlineMs` (a frozen
 * database, a lock held too long) gets 503 problem+json with Retry-After, never a hang.
 * Time spent receiving a slow client's body is the client's, not ours: the deadline waits
 * until the body is complete. A response already streaming (a download) is left alone.
 */
import type { FastifyInstance } from 'fastify';
import { sendProblem } from '../problem.ts';

export function registerRequestDeadline(app: FastifyInstance, deadlineMs: number): void {
  app.addHook('onRequest', async (request, reply) => {
    let timer: NodeJS.Timeout;
    const arm = () => {
      timer = setTimeout(() => {
        if (reply.raw.headersSent || reply.raw.writableEnded || request.raw.destroyed) return;
        if (!request.raw.complete) { arm(); return; }
        request.log.warn({ deadlineMs }, 'request deadline passed: answered 503');
        reply.header('Retry-After', '5');
        void sendProblem(request, reply, 503, 'unavailable', `The service did not answer within ${deadlineMs} ms; try again shortly.`);
      }, deadlineMs);
      timer.unref();
    };
    arm();
    reply.raw.once('close', () => clearTimeout(timer));
  });
}
