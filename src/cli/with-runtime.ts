import { loadConfig } from '../config.ts';
import { createRuntime, type Runtime } from '../runtime.ts';

/** Runs a CLI command against the same database and data directory as the server. */
export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await createRuntime(loadConfig(), { log: () => {} });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

/** A tenant by slug, or the default tenant when none is given. */
export async function tenantIdOf(rt: Runtime, slug: string | undefined): Promise<string> {
  if (!slug) return rt.defaultTenantId;
  const { findTenantBySlug } = await import('../domain/tenants/tenants.repo.ts');
  const tenant = await findTenantBySlug(rt.db, slug);
  if (!tenant) throw new Error(`no tenant with slug "${slug}" (see: parley tenant list)`);
  return tenant.id;
}
