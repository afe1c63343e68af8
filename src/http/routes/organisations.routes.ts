/** Organisations (customer companies, matched by mail domain): staff read them, admins change them. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentOrganisation } from '../../domain/organisations/organisation.presenter.ts';
import { findOrganisationById, listOrganisationDomains, listOrganisations, type OrganisationRow } from '../../domain/organisations/organisations.repo.ts';
import { saveOrganisation } from '../../domain/organisations/save-organisation.ts';
import { authorizeOrganisation } from '../../domain/organisations/organisation.policy.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import { decodeCursor, pageFrom } from '../cursor.ts';
import { errorResponses, listQuery, pageOf, uuidParam } from '../schemas/common.schema.ts';

const organisationSchema = z.object({
  id: z.string(), name: z.string(), domains: z.array(z.string()), created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'Organisation' });

const domains = z.array(z.string().trim().min(1).max(253)).max(100).describe('mail domains whose senders join this organisation');
const createBody = z.object({ name: z.string().trim().min(1).max(200), domains: domains.optional() }).meta({ id: 'CreateOrganisation' });
const updateBody = z.object({ name: z.string().trim().min(1).max(200).optional(), domains: domains.optional() })
  .refine((b) => b.name !== undefined || b.domains !== undefined, 'must change at least one field').meta({ id: 'UpdateOrganisation' });

const presentOne = async (ctx: Ctx, o: OrganisationRow) =>
  presentOrganisation(o, (await listOrganisationDomains(ctx.db, ctx.tenantId, [o.id])).get(o.id) ?? []);

export function organisationsRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/organisations/', {
      schema: { tags: ['organisations'], summary: 'List organisations (staff)', querystring: z.object(listQuery), response: { 200: pageOf(organisationSchema), ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeOrganisation(ctx.actor, 'list');
      const { cursor, limit } = request.query;
      const after = cursor ? decodeCursor(cursor, ['string', 'string']) : undefined;
      const rows = await listOrganisations(ctx.db, ctx.tenantId, after && { name: after[0], id: after[1] }, limit + 1);
      const { page, nextCursor } = pageFrom(rows, limit, (o) => [o.name, o.id]);
      const byId = await listOrganisationDomains(ctx.db, ctx.tenantId, page.map((o) => o.id));
      return { results: page.map((o) => presentOrganisation(o, byId.get(o.id) ?? [])), next_cursor: nextCursor };
    });

    r.get('/tickets/api/organisations/:id/', {
      schema: { tags: ['organisations'], summary: 'An organisation (staff; customers their own)', params: uuidParam, response: { 200: organisationSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeOrganisation(ctx.actor, 'read', request.params.id);
      const org = await findOrganisationById(ctx.db, ctx.tenantId, request.params.id);
      if (!org) throw new NotFoundError('organisation');
      return presentOne(ctx, org);
    });

    r.post('/tickets/api/organisations/', {
      schema: { tags: ['organisations'], summary: 'Create an organisation (admins)', body: createBody, response: { 201: organisationSchema, 409: errorResponses[422], ...errorResponses } },
    }, async (request, reply) => {
      const ctx = request.ctx();
      const org = await saveOrganisation(ctx, null, { name: request.body.name, domains: request.body.domains });
      return reply.code(201).header('Location', `/tickets/api/organisations/${org.id}/`).send(await presentOne(ctx, org));
    });

    r.patch('/tickets/api/organisations/:id/', {
      schema: { tags: ['organisations'], summary: 'Rename an organisation or replace its domains (admins)', params: uuidParam, body: updateBody, response: { 200: organisationSchema, 409: errorResponses[422], ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      const org = await saveOrganisation(ctx, request.params.id, { name: request.body.name, domains: request.body.domains });
      return presentOne(ctx, org);
    });
  };
}
