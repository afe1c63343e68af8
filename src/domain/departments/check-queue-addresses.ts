/**
 * Who may claim which queue address. A queue address belongs to one tenant in the whole
 * install (mail delivered by LMTP or mailgate is routed by the address alone), so an
 * address that any other department has, of this tenant or another, is a conflict. On a
 * hosted install (more than one tenant) a tenant admin may also claim only addresses
 * under a domain the operator assigned to the tenant (`parley tenant domains`), which is
 * how the install knows the tenant owns that domain. The operator's own paths (CLI,
 * system, actor null) and a single-tenant install are not restricted by domain.
 */
import { countTenants, listTenantDomains } from '../tenants/tenants.repo.ts';
import { isPerson, type Ctx } from '../shared/context.ts';
import { ConflictError, ValidationError } from '../shared/errors.ts';
import { findAddressClaims, listDepartmentAddresses } from './departments.repo.ts';

/** Throws 409 for an address someone else has, 422 for one outside the tenant's domains. */
export async function checkQueueAddresses(ctx: Ctx, addresses: string[], departmentId?: number): Promise<void> {
  if (addresses.length === 0) return;
  const claims = await findAddressClaims(ctx.db, ctx.tenantId, addresses);
  const elsewhere = claims.find((c) => c.department_id === null);
  if (elsewhere) throw new ConflictError(`The address ${elsewhere.address} is already a queue address of another helpdesk on this server.`);
  const clash = claims.find((c) => c.department_id !== departmentId);
  if (clash) throw new ConflictError(`The address ${clash.address} already belongs to department ${clash.department_id}.`);
  // The operator (CLI, setup) is trusted with any domain; a tenant's admins only with theirs.
  if (!isPerson(ctx.actor) || await countTenants(ctx.db) <= 1) return;
  // Addresses the department has already stay valid (an operator may assign domains later).
  const kept = new Set(departmentId === undefined ? [] : (await listDepartmentAddresses(ctx.db, ctx.tenantId, [departmentId])).map((a) => a.address));
  const domains = await listTenantDomains(ctx.db, ctx.tenantId);
  const outside = addresses.filter((a) => !kept.has(a) && !underDomains(a, domains));
  if (outside.length) {
    throw new ValidationError(outside.map((a) => ({
      field: 'addresses',
      message: `"${a}" is not under a domain assigned to this helpdesk${domains.length ? ` (${domains.join(', ')})` : ''}; the server operator assigns domains`,
    })));
  }
}

/** Whether the address's domain is one of the domains or a subdomain of one. */
export function underDomains(address: string, domains: string[]): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}
