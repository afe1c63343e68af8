/** Departments: the seed's list (plain array of {id, name, slug}), and their administration. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ASSIGNMENT_MODES } from '../../domain/assignment/assignment-modes.ts';
import { createDepartment } from '../../domain/departments/create-department.ts';
import { presentDepartment } from '../../domain/departments/department.presenter.ts';
import { findDepartment, listDepartmentAddresses, listDepartments } from '../../domain/departments/departments.repo.ts';
import { updateDepartment } from '../../domain/departments/update-department.ts';
import { authorizeDepartment, canSeeDepartmentAddresses, visibleDepartment } from '../../domain/departments/department.policy.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import { PRIORITIES, STATUSES } from '../../domain/tickets/ticket-values.ts';
import { errorResponses, intIdParam } from '../schemas/common.schema.ts';

const departmentSchema = z.object({
  id: z.number().int(), name: z.string(), slug: z.string(),
  addresses: z.array(z.string()).optional(), default_owner: z.string().nullable().optional(),
  default_status: z.string().optional(), default_priority: z.string().optional(),
  auto_create_customers: z.boolean().optional(), is_active: z.boolean().optional(),
  assignment_mode: z.enum(ASSIGNMENT_MODES).optional(),
}).meta({ id: 'Department' });

const writable = {
  addresses: z.array(z.email()).max(50).optional().describe('mail queue addresses'),
  default_owner: z.string().uuid().nullable().optional(),
  default_status: z.enum(STATUSES).optional(),
  default_priority: z.enum(PRIORITIES).optional(),
  auto_create_customers: z.boolean().optional(),
  assignment_mode: z.enum(ASSIGNMENT_MODES).optional().describe('manual, or automatic assignment of new and transferred tickets (docs/assignment.md)'),
};
const createBody = z.object({ name: z.string().trim().min(1).max(100), slug: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(), ...writable });
const updateBody = z.object({ name: z.string().trim().min(1).max(100).optional(), slug: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(), is_active: z.boolean().optional(), ...writable });

export function departmentsRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/departments/', {
      schema: { tags: ['departments'], summary: 'List departments', response: { 200: z.array(departmentSchema), ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      const staff = canSeeDepartmentAddresses(ctx.actor);
      const rows = (await listDepartments(ctx.db, ctx.tenantId)).filter(visibleDepartment(ctx.actor));
      const addresses = staff ? await listDepartmentAddresses(ctx.db, ctx.tenantId) : [];
      return rows.map((d) => presentDepartment(d, staff ? addresses.filter((a) => a.department_id === d.id).map((a) => a.address) : null));
    });

    r.get('/tickets/api/departments/:id/', {
      schema: { tags: ['departments'], summary: 'A department', params: intIdParam, response: { 200: departmentSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      const d = await findDepartment(ctx.db, ctx.tenantId, request.params.id);
      if (!d) throw new NotFoundError('department');
      authorizeDepartment(ctx.actor, 'read', d);
      const addresses = canSeeDepartmentAddresses(ctx.actor) ? (await listDepartmentAddresses(ctx.db, ctx.tenantId, [d.id])).map((a) => a.address) : null;
      return presentDepartment(d, addresses);
    });

    r.post('/tickets/api/departments/', {
      schema: { tags: ['departments'], summary: 'Create a department (admins)', body: createBody, response: { 201: departmentSchema, 409: errorResponses[422], ...errorResponses } },
    }, async (request, reply) => {
      const ctx = request.ctx();
      const b = request.body;
      const d = await createDepartment(ctx, {
        name: b.name, slug: b.slug, addresses: b.addresses, defaultOwnerId: b.default_owner,
        defaultStatus: b.default_status, defaultPriority: b.default_priority, autoCreateCustomers: b.auto_create_customers, assignmentMode: b.assignment_mode,
      });
      const addresses = (await listDepartmentAddresses(ctx.db, ctx.tenantId, [d.id])).map((a) => a.address);
      return reply.code(201).send(presentDepartment(d, addresses));
    });

    r.patch('/tickets/api/departments/:id/', {
      schema: { tags: ['departments'], summary: 'Change a department (admins)', params: intIdParam, body: updateBody, response: { 200: departmentSchema, 409: errorResponses[422], ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      const b = request.body;
      const d = await updateDepartment(ctx, request.params.id, {
        name: b.name, slug: b.slug, isActive: b.is_active, addresses: b.addresses, defaultOwnerId: b.default_owner,
        defaultStatus: b.default_status, defaultPriority: b.default_priority, autoCreateCustomers: b.auto_create_customers, assignmentMode: b.assignment_mode,
      });
      const addresses = (await listDepartmentAddresses(ctx.db, ctx.tenantId, [d.id])).map((a) => a.address);
      return presentDepartment(d, addresses);
    });
  };
}
