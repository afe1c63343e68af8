/**
 * Counts this process's requests in flight, so that the job worker beside them lets them go
 * first (src/jobs/foreground.ts). A request counts from its start until its response ends
 * or its connection closes; one that stays open by design (a live-update stream) leaves
 * the count once it is set up, with request.leaveForeground().
 */
import type { FastifyInstance } from 'fastify';
import type { Foreground } from '../../jobs/foreground.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** This request no longer holds the job worker back (a stream that stays open). */
    leaveForeground(): void;
  }
}

const NOTHING = () => {};

export function registerForeground(app: FastifyInstance, foreground: Foreground): void {
  app.decorateRequest('leaveForeground', NOTHING);
  app.addHook('onRequest', (request, reply, done) => {
    const leave = foreground.enter();
    request.leaveForeground = leave;
    reply.raw.once('close', leave);
    done();
  });
}
