/**
 * Signing in: JWT pairs for the API (rotating refresh tokens in one family per sign-in),
 * a session cookie (with CSRF token) for the web, customer self-registration where the
 * tenant allows it, and password reset. Before any password is hashed, login is limited
 * per client address and backs off per (account, client address); the counters live in
 * the database, so they hold across instances.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { checkCredentials } from '../../domain/auth/check-credentials.ts';
import { confirmPasswordReset, requestPasswordReset } from '../../domain/auth/password-reset.ts';
import { createSession, deleteSession, findSession } from '../../domain/auth/sessions.repo.ts';
import { LOGIN_ADDRESS_FACTOR, LOGIN_BACKOFF, loginPairKey } from '../../domain/auth/sign-in-limits.ts';
import { revokeTokenFamily, rotateRefreshToken, startTokenFamily } from '../../domain/auth/token-pairs.ts';
import { getSettings } from '../../domain/settings/get-settings.ts';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../domain/shared/errors.ts';
import { findTenantBySlug } from '../../domain/tenants/tenants.repo.ts';
import { createUser } from '../../domain/users/create-user.ts';
import type { Runtime } from '../../runtime.ts';
import { applyRateDecision, SESSION_COOKIE } from '../plugins/auth.ts';
import { SharedBackoff, SharedRateLimiter } from '../rate-limiter.ts';
import { errorResponses } from '../schemas/common.schema.ts';
import { credentialsBody, refreshBody, registerBody, resetConfirmBody, resetRequestBody, tokenPairSchema } from '../schemas/auth.schema.ts';
import { z } from 'zod';

const logoutBody = z.object({ refresh: z.string().max(4096).optional().describe('a refresh token whose sign-in to end as well') }).nullish();

export function authRoutes(rt: Runtime) {
  const byAddress = new SharedRateLimiter(rt.db, rt.config.loginRateLimit * LOGIN_ADDRESS_FACTOR, 60_000);
  const backoff = new SharedBackoff(rt.db, LOGIN_BACKOFF);
  const publicForms = new SharedRateLimiter(rt.db, rt.config.loginRateLimit, 60_000);

  /** The tenant named in the body, else the one of the host name. */
  const tenantOf = async (request: FastifyRequest, slug: string | undefined) => {
    if (!slug) return request.tenantId;
    const tenant = await findTenantBySlug(rt.db, slug);
    if (!tenant) throw ValidationError.field('tenant', 'unknown tenant');
    return tenant.id;
  };
  /** Checks a password under the limits; null when a 429 was sent. Failures stay counted, a success clears its pair. */
  const signIn = async (request: FastifyRequest, reply: FastifyReply, body: { email: string; password: string; tenant?: string }) => {
    const tenantId = await tenantOf(request, body.tenant);
    if (!applyRateDecision(await byAddress.hit(`login-ip:${request.ip}`), reply)) return null;
    const pair = loginPairKey(tenantId, body.email, request.ip);
    if (!applyRateDecision(await backoff.attempt(pair), reply)) return null;
    const user = await checkCredentials(rt.db, tenantId, body.email, body.password);
    await backoff.succeeded(pair);
    return { tenantId, user };
  };
  const formAllowed = async (request: FastifyRequest, reply: FastifyReply, form: string) =>
    applyRateDecision(await publicForms.hit(`${form}:${request.ip}`), reply);
  const sessionCookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: rt.config.baseUrl.startsWith('https://') };

  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const open = { auth: 'none' as const };

    r.post('/tickets/api/auth/token/', {
      config: open,
      schema: { tags: ['auth'], summary: 'Obtain an access and a refresh JWT', body: credentialsBody, response: { 200: tokenPairSchema, ...errorResponses } },
    }, async (request, reply) => {
      const signedIn = await signIn(request, reply, request.body);
      if (!signedIn) return reply;
      return startTokenFamily(rt.ctx(signedIn.tenantId, null, 'api', request.id), rt.jwt, signedIn.user);
    });

    r.post('/tickets/api/auth/token/refresh/', {
      config: open,
      schema: {
        tags: ['auth'], summary: 'Exchange a refresh token for a new pair (single use: presenting one twice revokes its sign-in)',
        body: refreshBody, response: { 200: tokenPairSchema, ...errorResponses },
      },
    }, async (request) => rotateRefreshToken(rt, request.body.refresh, request.id));

    r.post('/tickets/api/auth/login/', {
      config: open,
      schema: { tags: ['auth'], summary: 'Start a web session (sets an httpOnly cookie)', body: credentialsBody, response: { 200: z.object({ csrf_token: z.string(), expires_at: z.string() }), ...errorResponses } },
    }, async (request, reply) => {
      const signedIn = await signIn(request, reply, request.body);
      if (!signedIn) return reply;
      const session = await createSession(rt.db, signedIn.tenantId, signedIn.user.id, rt.config.sessionTtl);
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
      schema: {
        tags: ['auth'], summary: 'End the web session, and the API sign-in of the Bearer JWT or of the refresh token in the body',
        body: logoutBody, response: { 204: z.null(), ...errorResponses },
      },
    }, async (request, reply) => {
      const id = request.cookies[SESSION_COOKIE];
      if (id && request.authKind === 'session') await deleteSession(rt.db, id);
      if (request.authKind === 'jwt' && request.authFamilyId) await revokeTokenFamily(request.ctx(), request.authFamilyId);
      const refresh = request.body?.refresh;
      if (refresh) {
        const claims = await rt.jwt.verify(refresh, 'refresh');
        await revokeTokenFamily(rt.ctx(claims.tenantId, null, 'api', request.id), claims.familyId);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    });

    r.post('/tickets/api/auth/register/', {
      config: open,
      schema: { tags: ['auth'], summary: 'Create a customer account (when the tenant allows it)', body: registerBody, response: { 201: tokenPairSchema, ...errorResponses } },
    }, async (request, reply) => {
      if (!(await formAllowed(request, reply, 'register'))) return reply;
      const tenantId = await tenantOf(request, request.body.tenant);
      if (!(await getSettings(rt.db, tenantId)).allow_customer_registration) throw new ForbiddenError('This helpdesk does not allow self-registration.');
      const user = await createUser(rt.ctx(tenantId, null, 'web', request.id), {
        email: request.body.email, password: request.body.password, name: request.body.name, role: 'customer', language: request.body.language ?? null,
      });
      return reply.code(201).send(await startTokenFamily(rt.ctx(tenantId, null, 'api', request.id), rt.jwt, user));
    });

    r.post('/tickets/api/auth/password-reset/', {
      config: open,
      schema: { tags: ['auth'], summary: 'Mail a password reset link (always answers 202)', body: resetRequestBody, response: { 202: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      if (!(await formAllowed(request, reply, 'reset'))) return reply;
      const tenantId = await tenantOf(request, request.body.tenant);
      await requestPasswordReset(rt.ctx(tenantId, null, 'web', request.id), request.body.email);
      return reply.code(202).send(null);
    });

    r.post('/tickets/api/auth/password-reset/confirm/', {
      config: open,
      schema: { tags: ['auth'], summary: 'Set a new password with a reset token', body: resetConfirmBody, response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      if (!(await formAllowed(request, reply, 'confirm'))) return reply;
      const tenantId = await tenantOf(request, request.body.tenant);
      await confirmPasswordReset(rt.ctx(tenantId, null, 'web', request.id), request.body.token, request.body.password);
      return reply.code(204).send(null);
    });
  };
}
