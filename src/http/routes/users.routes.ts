/** Accounts: staff list and read them, admins (and agents, for customers) create them. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listUserDepartmentIds } from '../../domain/departments/departments.repo.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import { changePassword } from '../../domain/users/change-password.ts';
import { createUser } from '../../domain/users/create-user.ts';
import { updateUser, type UpdateUserProps } from '../../domain/users/update-user.ts';
import { listDepartmentIdsOfUsers } from '../../domain/users/user-departments.repo.ts';
import { presentUser } from '../../domain/users/user.presenter.ts';
import { authorizeUser } from '../../domain/users/user.policy.ts';
import { findUserById, listUsers, type UserRow } from '../../domain/users/users.repo.ts';
import { decodeCursor, pageFrom } from '../cursor.ts';
import { errorResponses, listQuery, pageOf, uuidParam } from '../schemas/common.schema.ts';

const ROLES = ['admin', 'agent', 'customer'] as const;
const language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'must be a language tag like es or pt-BR').nullable().optional();
const departments = z.array(z.number().int().positive()).max(100).optional();

const userSchema = z.object({
  id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES),
  organisation: z.string().nullable(), departments: z.array(z.number().int()),
  restricted_to_departments: z.boolean(), can_access_ticketing: z.boolean(), is_active: z.boolean(),
  language: z.string().nullable(), away: z.boolean().describe('skipped by automatic assignment'), created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'User' });

const listUsersQuery = z.object({
  role: z.enum(ROLES).optional(),
  search: z.string().trim().max(200).optional().describe('part of the name or email address'),
  organisation: z.string().uuid().optional(),
  ...listQuery,
});

const createUserBody = z.object({
  email: z.email('must be an email address').max(254),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  password: z.string().max(1024).optional().describe('none: the person sets one by password reset'),
  organisation: z.string().uuid().nullable().optional().describe('customers: default is the organisation owning the mail domain'),
  departments,
  restricted_to_departments: z.boolean().optional(),
  can_access_ticketing: z.boolean().optional(),
  language,
}).meta({ id: 'CreateUser' });

const updateUserBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(ROLES).optional(),
  organisation: z.string().uuid().nullable().optional(),
  departments,
  restricted_to_departments: z.boolean().optional(),
  can_access_ticketing: z.boolean().optional(),
  is_active: z.boolean().optional(),
  language,
  away: z.boolean().optional().describe('agents and admins: skipped by automatic assignment'),
}).refine((b) => Object.values(b).some((v) => v !== undefined), 'must change at least one field').meta({ id: 'UpdateUser' });

const passwordBody = z.object({
  password: z.string().max(1024),
  current_password: z.string().max(1024).optional().describe('required when changing your own password'),
}).meta({ id: 'ChangePassword' });

const presentOne = async (ctx: Ctx, u: UserRow) => presentUser(u, await listUserDepartmentIds(ctx.db, ctx.tenantId, u.id));

/** updateUser tells self-service from admin changes by the keys given, so absent fields must not appear. */
const definedOnly = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function usersRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/users/', {
      schema: { tags: ['users'], summary: 'List accounts (staff)', querystring: listUsersQuery, response: { 200: pageOf(userSchema), ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeUser(ctx.actor, 'list');
      const q = request.query;
      const after = q.cursor ? decodeCursor(q.cursor, ['string', 'string']) : undefined;
      const rows = await listUsers(ctx.db, ctx.tenantId, {
        role: q.role, search: q.search || undefined, organisationId: q.organisation,
        after: after && { name: after[0], id: after[1] }, limit: q.limit + 1,
      });
      const { page, nextCursor } = pageFrom(rows, q.limit, (u) => [u.name, u.id]);
      const deps = await listDepartmentIdsOfUsers(ctx.db, ctx.tenantId, page.map((u) => u.id));
      return { results: page.map((u) => presentUser(u, deps.get(u.id) ?? [])), next_cursor: nextCursor };
    });

    r.get('/tickets/api/users/:id/', {
      schema: { tags: ['users'], summary: 'An account (staff; anyone may read their own)', params: uuidParam, response: { 200: userSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeUser(ctx.actor, 'read', { id: request.params.id });
      const user = await findUserById(ctx.db, ctx.tenantId, request.params.id);
      if (!user) throw new NotFoundError('user');
      return presentOne(ctx, user);
    });

    r.post('/tickets/api/users/', {
      schema: { tags: ['users'], summary: 'Create an account (admins; agents may create customers)', body: createUserBody, response: { 201: userSchema, 409: errorResponses[422], ...errorResponses } },
    }, async (request, reply) => {
      const ctx = request.ctx();
      const b = request.body;
      const user = await createUser(ctx, {
        email: b.email, name: b.name, role: b.role, password: b.password, organisationId: b.organisation,
        departmentIds: b.departments, restrictedToDepartments: b.restricted_to_departments,
        canAccessTicketing: b.can_access_ticketing, language: b.language,
      });
      return reply.code(201).header('Location', `/tickets/api/users/${user.id}/`).send(await presentOne(ctx, user));
    });

    r.patch('/tickets/api/users/:id/', {
      schema: { tags: ['users'], summary: 'Change an account (admins; anyone may change their own name, language and away flag)', params: uuidParam, body: updateUserBody, response: { 200: userSchema, 409: errorResponses[422], ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      const b = request.body;
      const user = await updateUser(ctx, request.params.id, definedOnly<UpdateUserProps>({
        name: b.name, role: b.role, organisationId: b.organisation, departmentIds: b.departments,
        restrictedToDepartments: b.restricted_to_departments, canAccessTicketing: b.can_access_ticketing,
        isActive: b.is_active, language: b.language, away: b.away,
      }));
      return presentOne(ctx, user);
    });

    r.post('/tickets/api/users/:id/password/', {
      schema: { tags: ['users'], summary: 'Set a password (admins) or change your own; signs the account out everywhere', params: uuidParam, body: passwordBody, response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      await changePassword(request.ctx(), request.params.id, { password: request.body.password, currentPassword: request.body.current_password });
      return reply.code(204).send(null);
    });
  };
}
