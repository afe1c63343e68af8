/**
 * Liveness (the process answers) and readiness (the database answers within
 * PARLEY_READYZ_TIMEOUT_MS, and its storage is not full): a load balancer stops sending
 * traffic on 503 and resumes on 200, with no restart in between. A ready answer also
 * carries the installation's operating figures (job backlog, undelivered mail, mailboxes
 * needing re-authorization, failed jobs, last backup) for monitoring: information, never
 * a reason for 503, since taking an instance out of rotation would not fix any of them
 * (docs/operations.md).
 */
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { withDeadline } from '../../db/deadline.ts';
import { noteStorageWritable, storageFull } from '../../db/storage-health.ts';
import { findLatestRuns } from '../../domain/backup/backup-runs.repo.ts';
import { readHealthFigures } from '../../domain/system-health/health-figures.repo.ts';
import { presentBackupStatus, presentHealthFigures } from '../../domain/system-health/health-report.presenter.ts';
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
      return { status: 'ready', database: rt.dialect, storage: 'ok', ...await operatingFigures(rt) };
    });
  };
}

/** Why the storage counts as full, or null: a recent "disk full" write error, or (SQLite) no free space left. */
async function storageIsFull(rt: Runtime): Promise<string | null> {
  const target = rt.config.database;
  const noted = storageFull(rt.db);
  if (target.dialect === 'sqlite' && target.file !== ':memory:') {
    const fs = await statfs(dirname(target.file)).catch(() => null);
    const free = fs ? fs.bavail * fs.bsize : null;
    if (free !== null && free >= MIN_FREE_BYTES && !noted) lowestFree.delete(rt.db);
    else if (free !== null) lowestFree.set(rt.db, Math.min(lowestFree.get(rt.db) ?? free, free));
    if (free !== null && free < MIN_FREE_BYTES) return `${free} bytes free on the database's file system`;
    // Space came back since the episode began: over, even if this process has not written since
    // (a web process whose worker runs elsewhere may not write again for a while).
    if (noted && free !== null && free - lowestFree.get(rt.db)! >= MIN_FREE_BYTES) {
      noteStorageWritable(rt.db);
      lowestFree.delete(rt.db);
      return null;
    }
  }
  // Otherwise cleared by the next write that succeeds (a job recorded, a message stored).
  return noted ? `since ${noted.since}: ${noted.error}` : null;
}

/** SQLite: the fewest free bytes seen on the database's file system during a full-storage episode. */
const lowestFree = new WeakMap<object, number>();

/** The figures, within the readiness deadline; when they take longer the answer says so and stays 200. */
async function operatingFigures(rt: Runtime): Promise<Record<string, unknown>> {
  const now = new Date();
  try {
    const [figures, runs] = await withDeadline(Promise.all([readHealthFigures(rt.db, null, now), findLatestRuns(rt.db)]), rt.config.readyzTimeoutMs, 'the health figures');
    return { ...presentHealthFigures(figures, now), backup: presentBackupStatus(runs, now) };
  } catch (err) {
    return { figures: 'unavailable', figures_error: err instanceof Error ? err.message : String(err) };
  }
}
