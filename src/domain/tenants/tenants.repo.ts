import type { Db } from '../../db/client.ts';
import type { TenantsTable } from '../../db/schema.ts';

export type TenantRow = Omit<TenantsTable, 'created_at'> & { created_at: string };

export async function findTenantBySlug(db: Db, slug: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findTenantById(db: Db, id: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTenantByDomain(db: Db, domain: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenant_domains')
    .innerJoin('tenants', 'tenants.id', 'tenant_domains.tenant_id')
    .selectAll('tenants')
    .where('tenant_domains.domain', '=', domain.toLowerCase())
    .executeTakeFirst();
}

export async function listTenants(db: Db): Promise<TenantRow[]> {
  return db.selectFrom('tenants').selectAll().orderBy('created_at').execute();
}

export async function insertTenant(db: Db, row: TenantRow, domains: string[]): Promise<void> {
  await db.insertInto('tenants').values(row).execute();
  if (domains.length) {
    await db.insertInto('tenant_domains').values(domains.map((d) => ({ domain: d.toLowerCase(), tenant_id: row.id }))).execute();
  }
}

export async function listTenantDomains(db: Db, tenantId: string): Promise<string[]> {
  const rows = await db.selectFrom('tenant_domains').select('domain').where('tenant_id', '=', tenantId).orderBy('domain').execute();
  return rows.map((r) => r.domain);
}

/** The tenant a domain is assigned to, if any (a domain belongs to one tenant). */
export async function findDomainTenantId(db: Db, domain: string): Promise<string | undefined> {
  return (await db.selectFrom('tenant_domains').select('tenant_id').where('domain', '=', domain).executeTakeFirst())?.tenant_id;
}

export async function insertTenantDomain(db: Db, tenantId: string, domain: string): Promise<void> {
  await db.insertInto('tenant_domains').values({ tenant_id: tenantId, domain }).execute();
}

export async function deleteTenantDomain(db: Db, tenantId: string, domain: string): Promise<void> {
  await db.deleteFrom('tenant_domains').where('tenant_id', '=', tenantId).where('domain', '=', domain).execute();
}

/** How many tenants the install has: more than one makes it a hosted install. */
export async function countTenants(db: Db): Promise<number> {
  const row = await db.selectFrom('tenants').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Takes the next value of a per-tenant sequence (ticket numbers, department ids).
 * The row lock on PostgreSQL and the single writer on SQLite make it unique under
 * concurrent transactions.
 */
export async function nextCounter(db: Db, tenantId: string, name: string): Promise<number> {
  const row = await db.insertInto('tenant_counters').values({ tenant_id: tenantId, name, value: 1 })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet((eb) => ({ value: eb('tenant_counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
