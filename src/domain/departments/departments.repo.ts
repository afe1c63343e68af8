import type { Db } from '../../db/client.ts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DepartmentsTable } from '../../db/schema.ts';

export type DepartmentRow = Selectable<DepartmentsTable>;

export async function listDepartments(db: Db, tenantId: string): Promise<DepartmentRow[]> {
  return db.selectFrom('departments').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
}

export async function findDepartment(db: Db, tenantId: string, id: number): Promise<DepartmentRow | undefined> {
  return db.selectFrom('departments').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findDepartmentBySlug(db: Db, tenantId: string, slug: string): Promise<DepartmentRow | undefined> {
  return db.selectFrom('departments').selectAll().where('tenant_id', '=', tenantId).where('slug', '=', slug).executeTakeFirst();
}

export async function findDepartmentByName(db: Db, tenantId: string, name: string): Promise<DepartmentRow | undefined> {
  return db.selectFrom('departments').selectAll().where('tenant_id', '=', tenantId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst();
}

export async function insertDepartment(db: Db, row: Insertable<DepartmentsTable>): Promise<void> {
  await db.insertInto('departments').values(row).execute();
}

export async function updateDepartmentRow(db: Db, tenantId: string, id: number, changes: Updateable<DepartmentsTable>): Promise<void> {
  await db.updateTable('departments').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function listDepartmentAddresses(db: Db, tenantId: string, departmentIds?: number[]): Promise<Array<{ department_id: number; address: string }>> {
  let q = db.selectFrom('department_addresses').select(['department_id', 'address']).where('tenant_id', '=', tenantId);
  if (departmentIds) {
    if (departmentIds.length === 0) return [];
    q = q.where('department_id', 'in', departmentIds);
  }
  return q.orderBy('address').execute();
}

export async function replaceDepartmentAddresses(db: Db, tenantId: string, departmentId: number, addresses: string[]): Promise<void> {
  await db.deleteFrom('department_addresses').where('tenant_id', '=', tenantId).where('department_id', '=', departmentId).execute();
  if (addresses.length) {
    await db.insertInto('department_addresses')
      .values(addresses.map((address) => ({ tenant_id: tenantId, department_id: departmentId, address }))).execute();
  }
}

export async function findDepartmentByAddress(db: Db, tenantId: string, address: string): Promise<number | undefined> {
  const row = await db.selectFrom('department_addresses').select('department_id')
    .where('tenant_id', '=', tenantId).where('address', '=', address.toLowerCase()).executeTakeFirst();
  return row?.department_id;
}

export async function listDepartmentMembers(db: Db, tenantId: string, departmentIds: number[]): Promise<Array<{ department_id: number; user_id: string }>> {
  if (departmentIds.length === 0) return [];
  return db.selectFrom('department_members').select(['department_id', 'user_id'])
    .where('tenant_id', '=', tenantId).where('department_id', 'in', departmentIds).execute();
}

export async function listUserDepartmentIds(db: Db, tenantId: string, userId: string): Promise<number[]> {
  const rows = await db.selectFrom('department_members').select('department_id')
    .where('tenant_id', '=', tenantId).where('user_id', '=', userId).orderBy('department_id').execute();
  return rows.map((r) => r.department_id);
}

export async function replaceUserDepartments(db: Db, tenantId: string, userId: string, departmentIds: number[]): Promise<void> {
  await db.deleteFrom('department_members').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
  if (departmentIds.length) {
    await db.insertInto('department_members')
      .values(departmentIds.map((department_id) => ({ tenant_id: tenantId, department_id, user_id: userId }))).execute();
  }
}

/**
 * Who already has some of these queue addresses: a department of this tenant, or
 * (department_id null) another tenant, never named. It reads across tenants on purpose:
 * a queue address belongs to one tenant in the whole install (direct delivery finds the
 * tenant by the address alone).
 */
export async function findAddressClaims(db: Db, tenantId: string, addresses: string[]): Promise<Array<{ address: string; department_id: number | null }>> {
  if (addresses.length === 0) return [];
  const rows = await db.selectFrom('department_addresses').select(['address', 'department_id', 'tenant_id'])
    .where('address', 'in', addresses).orderBy('address').execute();
  return rows.map((r) => ({ address: r.address, department_id: r.tenant_id === tenantId ? r.department_id : null }));
}

/**
 * Queue addresses of other tenants under a domain or its subdomains: what an operator is
 * told before assigning the domain to a tenant. Reads across tenants, for the CLI only.
 */
export async function findOtherTenantsAddressesUnder(db: Db, tenantId: string, domain: string): Promise<Array<{ tenant_id: string; address: string }>> {
  return db.selectFrom('department_addresses').select(['tenant_id', 'address'])
    .where('tenant_id', '<>', tenantId)
    .where((eb) => eb.or([eb('address', 'like', `%@${domain}`), eb('address', 'like', `%.${domain}`)]))
    .orderBy('address').execute();
}
