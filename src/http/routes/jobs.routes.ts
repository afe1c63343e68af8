/** The tenant's background jobs for admins: see what failed and why, and send it back to the queue. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentJob } from '../../domain/jobs/job.presenter.ts';
import { retryFailedJob } from '../../domain/jobs/retry-failed-job.ts';
import { authorizeJob } from '../../domain/jobs/job.policy.ts';
import { listJobs } from '../../jobs/jobs.repo.ts';
import { decodeCursor, pageFrom } from '../cursor.ts';
import { errorResponses, intIdParam, listQuery, pageOf } from '../schemas/common.schema.ts';

const JOB_STATUSES = ['pending', 'running', 'done', 'failed'] as const;

const jobSchema = z.object({
  id: z.number().int(), name: z.string(), status: z.enum(JOB_STATUSES), attempts: z.number().int(), max_attempts: z.number().int(),
  run_at: z.string(), last_error: z.string().nullable(), created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'Job' });

const jobsQuery = z.object({ status: z.enum(JOB_STATUSES).optional(), ...listQuery });

export function jobsRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/jobs/', {
      schema: { tags: ['jobs'], summary: "The tenant's background jobs, newest first (admins)", querystring: jobsQuery, response: { 200: pageOf(jobSchema), ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeJob(ctx.actor, 'list');
      const q = request.query;
      const rows = await listJobs(ctx.db, ctx.tenantId, {
        status: q.status, beforeId: q.cursor ? decodeCursor(q.cursor, ['number'])[0] : undefined, limit: q.limit + 1,
      });
      const { page, nextCursor } = pageFrom(rows, q.limit, (j) => [Number(j.id)]);
      return { results: page.map(presentJob), next_cursor: nextCursor };
    });

    r.post('/tickets/api/jobs/:id/retry/', {
      schema: { tags: ['jobs'], summary: 'Queue a failed job again, to run now (admins)', params: intIdParam, response: { 200: jobSchema, 409: errorResponses[422], ...errorResponses } },
    }, async (request) => presentJob(await retryFailedJob(request.ctx(), request.params.id)));
  };
}
