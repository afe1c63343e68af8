/**
 * The operator assigns domains to a tenant (the `parley tenant domains` command; no HTTP
 * route does this). A domain is both a host name that selects the tenant and, on a hosted
 * install, the proof that the tenant may use queue addresses under it (and under its
 * subdomains). A domain belongs to one tenant.
 */
import type { Db } from '../../db/client.ts';
import { runTransaction } from '../../db/group-commit.ts';
import { findOtherTenantsAddressesUnder } from '../departments/departments.repo.ts';
import type { Services } from '../shared/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { deleteTenantDomain, findDomainTenantId, findTenantBySlug, insertTenantDomain, listTenantDomains } from './tenants.repo.ts';

export interface TenantDomainChange { add?: string[]; remove?: string[] }

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A domain as stored: trimmed, lower-case, without a trailing dot; a ValidationError if it is not one. */
export function normalizeDomain(domain: string): string {
  const d = domain.trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN.test(d)) throw ValidationError.field('domain', `"${domain}" is not a domain name`);
  return d;
}

/**
 * Adds and removes a tenant's domains; answers its domains after the change and, as
 * warnings, other tenants' queue addresses under an added domain (they keep them: the
 * operator resolves that with those tenants).
 */
export async function changeTenantDomains(services: Services, slug: string, change: TenantDomainChange): Promise<{ domains: string[]; warnings: string[] }> {
  const tenant = await findTenantBySlug(services.db, slug);
  if (!tenant) throw new NotFoundError('tenant');
  const add = (change.add ?? []).map(normalizeDomain);
  const remove = (change.remove ?? []).map(normalizeDomain);
  const warnings: string[] = [];
  await runTransaction(services.db, async (trx) => {
    const db = trx as Db;
    for (const d of remove) await deleteTenantDomain(db, tenant.id, d);
    for (const d of add) {
      const owner = await findDomainTenantId(db, d);
      if (owner === tenant.id) continue;
      if (owner) throw new ConflictError(`The domain ${d} is assigned to another tenant; remove it there first.`);
      await insertTenantDomain(db, tenant.id, d);
      for (const a of await findOtherTenantsAddressesUnder(db, tenant.id, d)) {
        warnings.push(`${a.address} under ${d} is a queue address of another tenant (${a.tenant_id}); it keeps it until removed there`);
      }
    }
  });
  return { domains: await listTenantDomains(services.db, tenant.id), warnings };
}
