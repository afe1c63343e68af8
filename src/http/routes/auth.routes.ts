/**
 * Signing in: JWT pairs for the API, a session cookie (with CSRF token) for the web,
 * customer self-registration where the tenant allows it, and password reset. Login is
 * rate-limited by client address and by account before any password is hashed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { checkCredentials } from '../../domain/auth/check-credentials.ts';
import { confirmPasswordReset, requestPasswordReset } from '../../domain/auth/password-reset.ts';
import { createSession, deleteSession, findSession } from '../../domain/auth/sessions.repo.ts';
import { getSettings } from '../../domain/settings/get-settings.ts';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../domain/shared/errors.ts';
import { findTenantBySlug } from '../../domain/tenants/tenants.repo.ts';
import { createUser } from '../../domain/users/create-user.ts';
import { findUserById } from '../../domain/users/users.repo.ts';
import type { Runtime } from '../../runtime.ts';
import { limit, SESSION_COOKIE } from '../plugins/auth.ts';
import { RateLimiter } from '../rate-limiter.ts';
import { errorResponses } from '../schemas/common.schema.ts';
import { credentialsBody, refreshBody, registerBody, resetConfirmBody, resetRequestBody, tokenPairSchema } from '../schemas/auth.schema.ts';
import { z } from 'zod';

export function authRoutes(rt: Runtime) {
  const byAddress = new RateLimiter(rt.config.loginRateLimit * 10, 60_000);
  const byAccount = new RateLimiter(rt.config.loginRateLimit, 60_000);
  const publicForms = new RateLimiter(rt.config.loginRateLimit, 60_000);

  /** The tenant named in the body, else the one of the host name. */
  const tenantOf = async (request: FastifyRequest, slug: string | undefined) => {
    if (!slug) return request.tenantId;
    const tenant = await findTenantBySlug(rt.db, slug);
    if (!tenant) throw ValidationError.field('tenant', 'unknown tenant');
    return tenant.id;
  };
  const loginAllowed = (request: FastifyRequest, reply: FastifyReply, tenantId: string, email: string) =>
    limit(byAddress, `ip:${request.ip}`, reply) && limit(byAccount, `acct:${tenantId}:${email.trim().toLowerCase()}`, reply);
  const sessionCookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: rt.config.baseUrl.startsWith('https://') };

  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const open = { auth: 'none' as const };

    r.post('/tickets/api/auth/token/', {
      config: open,
      schema: { tags: ['auth'], summary: 'Obtain an access and a refresh JWT', body: credentialsBody, response: { 200: tokenPairSchema, ...errorResponses } },
    }, async (request, reply) => {
      const tenantId = await tenantOf(request, request.body.tenant);
      if (!loginAllowed(request, reply, tenantId, request.body.email)) return reply;
      const user = await checkCredentials(rt.db, tenantId, request.body.email, request.body.password);
      return rt.jwt.issue(user.id, tenantId, user.token_version);
    });

    r.post('/tickets/api/auth/token/refresh/', {
      config: open,
      schema: { tags: ['auth'], summary: 'Exchange a refresh token for a new pair', body: refreshBody, response: { 200: tokenPairSchema, ...errorResponses } },
    }, async (request) => {
      const claims = await rt.jwt.verify(request.body.refresh, 'refresh');
      const user = await findUserById(rt.db, claims.tenantId, claims.userId);
      if (!user || !user.is_active || user.token_version !== claims.version) throw new UnauthorizedError('The refresh token is no longer valid.');
      return rt.jwt.issue(user.id, claims.tenantId, user.token_version);
    });

    r.post('/tickets/api/auth/login/', {
      config: open,
      schema: { tags: ['auth'], summary: 'Start a web session (sets an httpOnly cookie)', body: credentialsBody, response: { 200: z.object({ csrf_token: z.string(), expires_at: z.string() }), ...errorResponses } },
    }, async (request, reply) => {
      const tenantId = await tenantOf(request, request.body.tenant);
      if (!loginAllowed(request, reply, tenantId, request.body.email)) return reply;
      const user = await checkCredentials(rt.db, tenantId, request.body.email, request.body.password);
      const session = await createSession(rt.db, tenantId, user.id, rt.config.sessionTtl);
      reply.setCookie(SESSION_COOKIE, session.id, { ...sessionCookie, expires: new Date(session.expiresAt) });
      return { csrf_token: session.csrfToken, expires_at: session.expiresAt };
    });

    r.get('/tickets/api/auth/session/', {
      config: { auth: 'optional' },
      schema: { tags: ['auth'], summary: "The current web session's CSRF token", response: { 200: z.object({ csrf_token: z.string(), expires_at: z.string() }), ...errorResponses } },
    }, async (request) => {
      const id = request.cookies[SESSION_COOKIE];
      const session = id ? await findSession(rt.db, id) : undefined;
      if (!session) throw new UnauthorizedError('There is no web session.');
      return { csrf_token: session.csrfToken, expires_at: session.expiresAt };
    });

    r.post('/tickets/api/auth/logout/', {
      config: { auth: 'optional' },
      schema: { tags: ['auth'], summary: 'End the web session', response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      const id = request.cookies[SESSION_COOKIE];
      if (id && request.authKind === 'session') await deleteSession(rt.db, id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    });

    r.post('/tickets/api/auth/register/', {
      config: open,
      schema: { tags: ['auth'], summary: 'Create a customer account (when the tenant allows it)', body: registerBody, response: { 201: tokenPairSchema, ...errorResponses } },
    }, async (request, reply) => {
      if (!limit(publicForms, `register:${request.ip}`, reply)) return reply;
      const tenantId = await tenantOf(request, request.body.tenant);
      if (!(await getSettings(rt.db, tenantId)).allow_customer_registration) throw new ForbiddenError('This helpdesk does not allow self-registration.');
      const user = await createUser(rt.ctx(tenantId, null, 'web', request.id), { email: request.body.email, password: request.body.password, name: request.body.name, role: 'customer' });
      return reply.code(201).send(await rt.jwt.issue(user.id, tenantId, user.token_version));
    });

    r.post('/tickets/api/auth/password-reset/', {
      config: open,
      schema: { tags: ['auth'], summary: 'Mail a password reset link (always answers 202)', body: resetRequestBody, response: { 202: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      if (!limit(publicForms, `reset:${request.ip}`, reply)) return reply;
      const tenantId = await tenantOf(request, request.body.tenant);
      await requestPasswordReset(rt.ctx(tenantId, null, 'web', request.id), request.body.email);
      return reply.code(202).send(null);
    });

    r.post('/tickets/api/auth/password-reset/confirm/', {
      config: open,
      schema: { tags: ['auth'], summary: 'Set a new password with a reset token', body: resetConfirmBody, response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      if (!limit(publicForms, `confirm:${request.ip}`, reply)) return reply;
      const tenantId = await tenantOf(request, request.body.tenant);
      await confirmPasswordReset(rt.ctx(tenantId, null, 'web', request.id), request.body.token, request.body.password);
      return reply.code(204).send(null);
    });
  };
}
