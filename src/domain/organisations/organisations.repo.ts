import type { Selectable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { OrganisationsTable } from '../../db/schema.ts';

export type OrganisationRow = Selectable<OrganisationsTable>;

export async function findOrganisationById(db: Db, tenantId: string, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findOrganisationByDomain(db: Db, tenantId: string, domain: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation_domains')
    .innerJoin('organisations', 'organisations.id', 'organisation_domains.organisation_id')
    .selectAll('organisations')
    .where('organisation_domains.tenant_id', '=', tenantId)
    .where('organisation_domains.domain', '=', domain.toLowerCase())
    .executeTakeFirst();
}

export async function findOrganisationByName(db: Db, tenantId: string, name: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst();
}

export async function listOrganisations(db: Db, tenantId: string, after: { name: string; id: string } | undefined, limit: number): Promise<OrganisationRow[]> {
  let q = db.selectFrom('organisations').selectAll().where('tenant_id', '=', tenantId);
  if (after) q = q.where((eb) => eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]));
  return q.orderBy('name').orderBy('id').limit(limit).execute();
}

export async function listOrganisationDomains(db: Db, tenantId: string, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('organisation_domains').select(['organisation_id', 'domain'])
    .where('tenant_id', '=', tenantId).where('organisation_id', 'in', ids).orderBy('domain').execute();
  for (const r of rows) out.get(r.organisation_id)?.push(r.domain);
  return out;
}

export async function insertOrganisation(db: Db, row: OrganisationRow): Promise<void> {
  await db.insertInto('organisations').values(row).execute();
}

export async function updateOrganisationRow(db: Db, tenantId: string, id: string, changes: Partial<OrganisationRow>): Promise<void> {
  await db.updateTable('organisations').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function replaceOrganisationDomains(db: Db, tenantId: string, id: string, domains: string[]): Promise<void> {
  await db.deleteFrom('organisation_domains').where('tenant_id', '=', tenantId).where('organisation_id', '=', id).execute();
  if (domains.length) {
    await db.insertInto('organisation_domains').values(domains.map((domain) => ({ tenant_id: tenantId, domain, organisation_id: id }))).execute();
  }
}

export async function findTakenDomains(db: Db, tenantId: string, domains: string[], exceptId?: string): Promise<string[]> {
  if (domains.length === 0) return [];
  let q = db.selectFrom('organisation_domains').select('domain').where('tenant_id', '=', tenantId).where('domain', 'in', domains);
  if (exceptId) q = q.where('organisation_id', '!=', exceptId);
  return (await q.execute()).map((r) => r.domain);
}
