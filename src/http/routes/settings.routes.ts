/** The tenant's settings (seed 002): every effective value and, for the admin screen, what each means. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getSettings } from '../../domain/settings/get-settings.ts';
import { settingsRegistry, type TenantSettings } from '../../domain/settings/registry.ts';
import { updateSettings } from '../../domain/settings/update-settings.ts';
import { authorizeSettings } from '../../domain/settings/settings.policy.ts';
import { errorResponses } from '../schemas/common.schema.ts';

const settingsSchema = z.object({
  settings: z.record(z.string(), z.unknown()),
  definitions: z.array(z.object({ key: z.string(), description: z.string(), default: z.unknown() })),
}).meta({ id: 'Settings' });

// Values are checked per key by the registry inside updateSettings, which names the failing field.
const updateBody = z.record(z.string(), z.unknown())
  .refine((b) => Object.keys(b).length > 0, 'must name at least one setting')
  .meta({ id: 'UpdateSettings', description: '{"key": value, …} for the keys listed in definitions' });

const definitions = Object.entries(settingsRegistry).map(([key, d]) => ({ key, description: d.description, default: d.default }));

const present = (settings: TenantSettings) => ({ settings, definitions });

export function settingsRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/tickets/api/settings/', {
      schema: { tags: ['settings'], summary: "The tenant's settings with their defaults (admins)", response: { 200: settingsSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeSettings(ctx.actor, 'read');
      return present(await getSettings(ctx.db, ctx.tenantId));
    });

    r.patch('/tickets/api/settings/', {
      schema: { tags: ['settings'], summary: 'Change some settings (admins)', body: updateBody, response: { 200: settingsSchema, ...errorResponses } },
    }, async (request) => present(await updateSettings(request.ctx(), request.body)));
  };
}
