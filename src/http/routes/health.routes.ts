/**
 * Liveness (the process answers) and readiness (the database answers within
 * PARLEY_READYZ_TIMEOUT_MS, and its storage is not full): a load balancer stops sending
 * traffic on 503 and resumes on 200, with no restart in between.
 */
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { withDeadline } from '../../db/deadline.ts';
import { storageFull } from '../../db/storage-health.ts';
import type { Runtime } from '../../runtime.ts';
import { sendProblem } from '../problem.ts';

/** Below this much free space the SQLite file system counts as full. */
const MIN_FREE_BYTES = 1024 * 1024;

export function healthRoutes(rt: Runtime) {
  return async (app: FastifyInstance) => {
    app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
      try {
        await withDeadline(sql`select 1`.execute(rt.db), rt.config.readyzTimeoutMs, 'the readiness check');
      } catch {
        reply.header('Retry-After', '5');
        return sendProblem(request, reply, 503, 'not-ready', 'The database does not answer.');
      }
      const full = await storageIsFull(rt);
      if (full) {
        reply.header('Retry-After', '30');
        return reply.code(503).type('application/problem+json').send(JSON.stringify({
          type: 'https://parley.dev/problems/storage-full', title: 'Service Unavailable', status: 503,
          detail: `The database storage is full: writes fail and jobs wait. Free disk space. (${full})`,
          instance: '/readyz', request_id: request.id, storage: 'full', database: rt.dialect,
        }));
      }
      return { status: 'ready', database: rt.dialect, storage: 'ok' };
    });
  };
}

/** Why the storage counts as full, or null: a recent "disk full" write error, or (SQLite) no free space left. */
async function storageIsFull(rt: Runtime): Promise<string | null> {
  const target = rt.config.database;
  if (target.dialect === 'sqlite' && target.file !== ':memory:') {
    const fs = await statfs(dirname(target.file)).catch(() => null);
    if (fs && fs.bavail * fs.bsize < MIN_FREE_BYTES) return `${fs.bavail * fs.bsize} bytes free on the database's file system`;
  }
  // Cleared by the next write that succeeds (a job recorded, a message stored).
  const noted = storageFull(rt.db);
  return noted ? `since ${noted.since}: ${noted.error}` : null;
}
