/**
 * Who is calling: a Bearer JWT (of a token family not revoked), a Bearer API token (pat_…), or the web session cookie
 * (with its CSRF token on state-changing requests). Sets request.actor and
 * request.tenantId; routes marked `auth: 'none'` or `'optional'` may run without one.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findApiTokenByHash, touchApiToken } from '../../domain/auth/api-tokens.repo.ts';
import { API_TOKEN_PREFIX } from '../../domain/auth/api-tokens.ts';
import { hashToken } from '../../domain/auth/secrets.ts';
import { findSession } from '../../domain/auth/sessions.repo.ts';
import { isAccessFamilyLive } from '../../domain/auth/token-pairs.ts';
import { ForbiddenError, UnauthorizedError } from '../../domain/shared/errors.ts';
import type { Actor, Ctx } from '../../domain/shared/context.ts';
import { findTenantByDomain } from '../../domain/tenants/tenants.repo.ts';
import { loadActor } from '../../domain/users/load-actor.ts';
import { findUserById } from '../../domain/users/users.repo.ts';
import type { Runtime } from '../../runtime.ts';
import { RateLimiter, type RateDecision } from '../rate-limiter.ts';
import { sendProblem } from '../problem.ts';

export const SESSION_COOKIE = 'parley_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    tenantId: string;
    authKind: 'jwt' | 'token' | 'session' | null;
    /** The token family (API sign-in) of a JWT caller; logout revokes it. */
    authFamilyId: string | null;
    ctx(): Ctx;
  }
  interface FastifyContextConfig {
    /** 'required' (default under /tickets/api), 'optional', or 'none'. */
    auth?: 'required' | 'optional' | 'none';
  }
}

export function registerAuth(app: FastifyInstance, rt: Runtime): void {
  const apiLimiter = rt.config.apiRateLimit > 0 ? new RateLimiter(rt.config.apiRateLimit, 60_000) : null;
  app.decorateRequest('actor', null);
  app.decorateRequest('tenantId', '');
  app.decorateRequest('authKind', null);
  app.decorateRequest('authFamilyId', null);
  app.decorateRequest('ctx', function (this: FastifyRequest) {
    return rt.ctx(this.tenantId, this.actor, this.authKind === 'session' ? 'web' : 'api', this.id);
  });

  app.addHook('onRequest', async (request, reply) => {
    const mode = request.routeOptions.config?.auth ?? defaultAuthMode(request.url);
    if (mode === 'none') {
      request.tenantId = await tenantFromHost(rt, request);
      return;
    }
    const identified = await identify(rt, request);
    if (!identified) {
      if (mode === 'required') throw new UnauthorizedError();
      request.tenantId = await tenantFromHost(rt, request);
      return;
    }
    if (apiLimiter && !limit(apiLimiter, `actor:${identified.actor.id}`, reply)) return reply;
    request.actor = identified.actor;
    request.tenantId = identified.actor.tenantId;
    request.authKind = identified.kind;
    request.authFamilyId = identified.familyId ?? null;
    if (identified.actor.scopes && !SAFE_METHODS.has(request.method) && !identified.actor.scopes.includes('write')) {
      throw new ForbiddenError('This API token is read-only.');
    }
  });
}

/** The API needs credentials; its interactive docs and every page outside it do not. */
function defaultAuthMode(url: string): 'required' | 'none' {
  return url.startsWith('/tickets/api/') && !url.startsWith('/tickets/api/docs') ? 'required' : 'none';
}

/** Applies a limiter, setting the RateLimit-* headers; answers 429 and returns false when over. */
export function limit(limiter: RateLimiter, key: string, reply: FastifyReply): boolean {
  return applyRateDecision(limiter.hit(key), reply);
}

/** Sets the RateLimit-* headers of a decision; answers 429 problem+json with Retry-After and returns false when refused. */
export function applyRateDecision(d: RateDecision, reply: FastifyReply): boolean {
  reply.header('RateLimit-Limit', d.limit).header('RateLimit-Remaining', d.remaining).header('RateLimit-Reset', d.resetSeconds);
  if (d.allowed) return true;
  reply.header('Retry-After', d.resetSeconds);
  void sendProblem(reply.request, reply, 429, 'rate-limited', 'Too many requests; try again later.');
  return false;
}

async function identify(rt: Runtime, request: FastifyRequest): Promise<{ actor: Actor; kind: 'jwt' | 'token' | 'session'; familyId?: string } | null> {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, credential] = header.split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !credential) throw new UnauthorizedError('Use "Authorization: Bearer <token>".');
    if (credential.startsWith(API_TOKEN_PREFIX)) return { actor: await fromApiToken(rt, credential), kind: 'token' };
    const claims = await rt.jwt.verify(credential, 'access');
    const user = await findUserById(rt.db, claims.tenantId, claims.userId);
    if (!user || !user.is_active || user.token_version !== claims.version || !(await isAccessFamilyLive(rt.db, claims))) {
      throw new UnauthorizedError('The access token is no longer valid.');
    }
    return { actor: await loadActor(rt.db, user), kind: 'jwt', familyId: claims.familyId };
  }
  const sessionId = request.cookies?.[SESSION_COOKIE];
  if (!sessionId) return null;
  const session = await findSession(rt.db, sessionId);
  if (!session) return null;
  if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
    throw new ForbiddenError('The X-CSRF-Token header is missing or wrong.');
  }
  const user = await findUserById(rt.db, session.tenantId, session.userId);
  if (!user || !user.is_active) return null;
  return { actor: await loadActor(rt.db, user), kind: 'session' };
}

async function fromApiToken(rt: Runtime, token: string): Promise<Actor> {
  const row = await findApiTokenByHash(rt.db, hashToken(token));
  const now = new Date().toISOString();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) throw new UnauthorizedError('The API token is invalid, expired or revoked.');
  const user = await findUserById(rt.db, row.tenant_id, row.user_id);
  if (!user || !user.is_active) throw new UnauthorizedError('The API token is invalid, expired or revoked.');
  // Recording every use would write on every read; once a minute is enough to audit.
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000) await touchApiToken(rt.db, row.id, now);
  return loadActor(rt.db, user, JSON.parse(row.scopes) as string[]);
}

async function tenantFromHost(rt: Runtime, request: FastifyRequest): Promise<string> {
  const host = (request.hostname ?? '').split(':')[0].toLowerCase();
  if (!host || host === 'localhost' || /^[\d.]+$/.test(host)) return rt.defaultTenantId;
  return (await findTenantByDomain(rt.db, host))?.id ?? rt.defaultTenantId;
}
