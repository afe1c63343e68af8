import { z } from 'zod';

const tenant = z.string().max(63).optional().describe('tenant slug; default: the tenant of the host name, else "default"');

export const credentialsBody = z.object({ email: z.string().max(254), password: z.string().max(1024), tenant }).meta({ id: 'Credentials' });
export const refreshBody = z.object({ refresh: z.string().max(4096) });
export const tokenPairSchema = z.object({ access: z.string(), refresh: z.string(), expires_in: z.number().int() }).meta({ id: 'TokenPair' });
export const registerBody = z.object({
  email: z.email(), password: z.string().max(1024), name: z.string().trim().min(1).max(200), tenant,
  language: z.string().max(10).nullable().optional().describe('the language the person prefers (en, es, pt-BR); default: the browser\'s, then the helpdesk\'s'),
});
export const resetRequestBody = z.object({ email: z.string().max(254), tenant });
export const resetConfirmBody = z.object({ token: z.string().max(200), password: z.string().max(1024), tenant });

export const meSchema = z.object({
  id: z.string(), email: z.string(), name: z.string(), role: z.string(),
  organisation: z.string().nullable(), departments: z.array(z.number().int()),
  restricted_to_departments: z.boolean(), can_access_ticketing: z.boolean(), is_active: z.boolean(),
  language: z.string().nullable(), away: z.boolean(), created_at: z.string(), updated_at: z.string(),
  tenant: z.object({ id: z.string(), slug: z.string(), name: z.string(), language: z.string() }),
}).meta({ id: 'Me' });
