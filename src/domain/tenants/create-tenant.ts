import type { Db } from '../../db/client.ts';
import { createDepartment } from '../departments/create-department.ts';
import { newId, nowIso } from '../shared/clock.ts';
import { systemCtx, type Services } from '../shared/context.ts';
import { ConflictError, ValidationError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { normalizeDomain } from './change-tenant-domains.ts';
import { defaultDepartmentName } from './default-department-name.ts';
import { findDomainTenantId, findTenantBySlug, insertTenant, type TenantRow } from './tenants.repo.ts';

export interface CreateTenantProps {
  name: string;
  slug: string;
  language?: string;
  domains?: string[];
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Creates a tenant with its first department (id 1), named in the tenant's language. */
export async function createTenant(services: Services, props: CreateTenantProps): Promise<TenantRow> {
  if (!props.name.trim()) throw ValidationError.field('name', 'must not be empty');
  if (!SLUG.test(props.slug)) throw ValidationError.field('slug', 'must be lower-case letters, digits and dashes');
  const language = props.language ?? 'en';
  const domains = [...new Set((props.domains ?? []).map(normalizeDomain))];
  const tenant: TenantRow = { id: newId(), slug: props.slug, name: props.name.trim(), language, created_at: nowIso() };
  const ctx = systemCtx(services, tenant.id, 'setup');
  return inTransaction(ctx, async (tx) => {
    if (await findTenantBySlug(tx.db as Db, props.slug)) throw new ConflictError(`A tenant with slug "${props.slug}" exists already.`);
    for (const d of domains) if (await findDomainTenantId(tx.db, d)) throw new ConflictError(`The domain ${d} is assigned to another tenant.`);
    await insertTenant(tx.db, tenant, domains);
    await createDepartment(tx, { name: defaultDepartmentName(language) });
    return tenant;
  });
}
