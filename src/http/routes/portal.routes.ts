/**
 * The helpdesk as the portal sees it before sign-in and before upload: its name and
 * language, whether customers may register, the password rule, the attachment limits the
 * upload will be held to, and, for the signed-in, the ticket categories. Anyone may ask: an
 * anonymous caller gets the tenant of the host name (as the auth routes do), a signed-in one
 * their own. It is the one place where people other than admins read these settings.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TenantSettings } from '../../domain/settings/registry.ts';
import { getSettings } from '../../domain/settings/get-settings.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import { findTenantById, type TenantRow } from '../../domain/tenants/tenants.repo.ts';
import { MIN_PASSWORD_LENGTH } from '../../domain/users/passwords.ts';
import type { Runtime } from '../../runtime.ts';
import { errorResponses } from '../schemas/common.schema.ts';
import { portalSchema, type Portal } from '../schemas/portal.schema.ts';

/**
 * The public face of a tenant; the file limit is the one an upload meets (the request cap may be lower).
 * Categories only for the tenant's own people: they can say what a company works on.
 */
export function presentPortal(tenant: TenantRow, settings: TenantSettings, maxBodyBytes: number, signedIn: boolean): Portal {
  return {
    name: tenant.name,
    language: tenant.language,
    registration_allowed: settings.allow_customer_registration,
    password_min_length: MIN_PASSWORD_LENGTH,
    max_file_size: Math.min(settings.max_file_size, maxBodyBytes),
    allowed_mime_types: [...settings.allowed_mime_types],
    categories: signedIn ? [...settings.categories] : null,
  };
}

export function portalRoutes(rt: Runtime) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/portal/', {
      config: { auth: 'optional' },
      schema: {
        tags: ['portal'], summary: "The helpdesk's public settings for the portal: registration, password rule, attachment limits, and categories when signed in",
        response: { 200: portalSchema, ...errorResponses },
      },
    }, async (request) => {
      const [tenant, settings] = await Promise.all([findTenantById(rt.db, request.tenantId), getSettings(rt.db, request.tenantId)]);
      if (!tenant) throw new NotFoundError('helpdesk');
      return presentPortal(tenant, settings, rt.config.maxBodyBytes, request.actor !== null);
    });
  };
}
