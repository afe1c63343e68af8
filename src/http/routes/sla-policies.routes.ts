/**
 * SLA policies (docs/sla.md, seed 000): a tenant's targets per priority, business hours and
 * pauses, per tenant, department or organisation. Admins manage them; agents may read them.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSlaPolicy, deleteSlaPolicy, readSlaPolicies, readSlaPolicy, updateSlaPolicy, type SlaPolicyInput, type SlaScope } from '../../domain/sla/manage-sla-policies.ts';
import { presentSlaPolicy } from '../../domain/sla/sla-policy.presenter.ts';
import { PAUSABLE_STATUSES } from '../../domain/sla/sla-policy-values.ts';
import { ValidationError } from '../../domain/shared/errors.ts';
import { errorResponses, uuidParam } from '../schemas/common.schema.ts';
import { createSlaPolicyBody, slaPolicySchema, updateSlaPolicyBody } from '../schemas/sla-policies.schema.ts';

type Body = z.infer<typeof createSlaPolicyBody>;

/** The scope named by the body: a department or organisation scope needs its id. */
function scopeOf(b: Pick<Body, 'scope' | 'department_id' | 'organisation_id'>): SlaScope {
  if (b.scope === 'department') {
    if (!b.department_id) throw ValidationError.field('department_id', 'is required with scope department');
    return { type: 'department', departmentId: b.department_id };
  }
  if (b.scope === 'organisation') {
    if (!b.organisation_id) throw ValidationError.field('organisation_id', 'is required with scope organisation');
    return { type: 'organisation', organisationId: b.organisation_id };
  }
  return { type: 'default' };
}

function inputOf(b: Body): SlaPolicyInput {
  return {
    name: b.name, scope: scopeOf(b), targets: b.targets, businessHours: b.business_hours ?? null, timeZone: b.time_zone ?? 'UTC',
    pauseStatuses: b.pause_statuses ?? [...PAUSABLE_STATUSES], nearBreach: b.near_breach ?? 0.8,
  };
}

export function slaPoliciesRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/sla-policies/', {
      schema: { tags: ['sla'], summary: "The tenant's SLA policies (staff)", response: { 200: z.array(slaPolicySchema), ...errorResponses } },
    }, async (request) => (await readSlaPolicies(request.ctx())).map(presentSlaPolicy));

    r.post('/tickets/api/sla-policies/', {
      schema: { tags: ['sla'], summary: 'Add an SLA policy for the tenant, a department or an organisation (admins)', body: createSlaPolicyBody, response: { 201: slaPolicySchema, ...errorResponses } },
    }, async (request, reply) => reply.code(201).send(presentSlaPolicy(await createSlaPolicy(request.ctx(), inputOf(request.body)))));

    r.get('/tickets/api/sla-policies/:id/', {
      schema: { tags: ['sla'], summary: 'One SLA policy (staff)', params: uuidParam, response: { 200: slaPolicySchema, ...errorResponses } },
    }, async (request) => presentSlaPolicy(await readSlaPolicy(request.ctx(), request.params.id)));

    r.patch('/tickets/api/sla-policies/:id/', {
      schema: { tags: ['sla'], summary: 'Change an SLA policy; the fields given replace the stored ones (admins)', params: uuidParam, body: updateSlaPolicyBody, response: { 200: slaPolicySchema, ...errorResponses } },
    }, async (request) => presentSlaPolicy(await updateSlaPolicy(request.ctx(), request.params.id, (stored) => inputOf({ ...presentSlaPolicy(stored), ...request.body }))));

    r.delete('/tickets/api/sla-policies/:id/', {
      schema: { tags: ['sla'], summary: 'Delete an SLA policy: its tickets fall back to the next policy (admins)', params: uuidParam, response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      await deleteSlaPolicy(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    });
  };
}
