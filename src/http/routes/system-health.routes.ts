/**
 * The tenant's health for its admins: what /readyz reports for the installation, cut to
 * the tenant (its jobs, its outgoing mail, its mailboxes). Backups are the installation
 * operator's (CLI and scheduler) and are not shown here: a tenant admin is not the operator.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readHealthFigures } from '../../domain/system-health/health-figures.repo.ts';
import { presentHealthFigures } from '../../domain/system-health/health-report.presenter.ts';
import { authorizeSystemHealth } from '../../domain/system-health/system-health.policy.ts';
import { errorResponses } from '../schemas/common.schema.ts';
import { systemHealthSchema } from '../schemas/system-health.schema.ts';

export function systemHealthRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/tickets/api/system-health/', {
      schema: {
        tags: ['jobs'],
        summary: "The tenant's operating figures: job backlog, failed jobs, undelivered mail, mailboxes needing re-authorization (admins)",
        response: { 200: systemHealthSchema, ...errorResponses },
      },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeSystemHealth(ctx.actor);
      const now = new Date();
      return presentHealthFigures(await readHealthFigures(ctx.db, ctx.tenantId, now), now);
    });
  };
}
