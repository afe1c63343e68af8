/** The signed-in account. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listUserDepartmentIds } from '../../domain/departments/departments.repo.ts';
import { findTenantById } from '../../domain/tenants/tenants.repo.ts';
import { updateUser } from '../../domain/users/update-user.ts';
import { presentUser } from '../../domain/users/user.presenter.ts';
import { findUserById } from '../../domain/users/users.repo.ts';
import { requirePerson, type Ctx } from '../../domain/shared/context.ts';
import type { Runtime } from '../../runtime.ts';
import { errorResponses } from '../schemas/common.schema.ts';
import { meSchema } from '../schemas/auth.schema.ts';

export function meRoutes(rt: Runtime) {
  const present = async (ctx: Ctx) => {
    const [user, departments, tenant] = await Promise.all([
      findUserById(ctx.db, ctx.tenantId, requirePerson(ctx.actor).id),
      listUserDepartmentIds(ctx.db, ctx.tenantId, requirePerson(ctx.actor).id),
      findTenantById(rt.db, ctx.tenantId),
    ]);
    return { ...presentUser(user!, departments), tenant: { id: tenant!.id, slug: tenant!.slug, name: tenant!.name, language: tenant!.language } };
  };
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/tickets/api/me/', { schema: { tags: ['auth'], summary: 'The signed-in account', response: { 200: meSchema, ...errorResponses } } },
      async (request) => present(request.ctx()));
    r.patch('/tickets/api/me/', {
      schema: { tags: ['auth'], summary: 'Change your name, language or away flag', body: z.object({ name: z.string().trim().min(1).max(200).optional(), language: z.string().max(10).nullable().optional(), away: z.boolean().optional().describe('agents and admins: skipped by automatic assignment') }), response: { 200: meSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      await updateUser(ctx, requirePerson(ctx.actor).id, { name: request.body.name, language: request.body.language, away: request.body.away });
      return present(ctx);
    });
  };
}
