import type { Services } from '../shared/context.ts';
import { createTenant } from './create-tenant.ts';
import { findTenantBySlug, type TenantRow } from './tenants.repo.ts';

export const DEFAULT_TENANT_SLUG = 'default';

/** The default tenant, created on first start so that a one-company install never sees the word. */
export async function ensureDefaultTenant(services: Services, language = 'es'): Promise<{ tenant: TenantRow; created: boolean }> {
  const existing = await findTenantBySlug(services.db, DEFAULT_TENANT_SLUG);
  if (existing) return { tenant: existing, created: false };
  const tenant = await createTenant(services, { name: 'Default', slug: DEFAULT_TENANT_SLUG, language });
  return { tenant, created: true };
}
