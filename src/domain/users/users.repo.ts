import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Role, UsersTable } from '../../db/schema.ts';

export type UserRow = Selectable<UsersTable>;

export async function findUserById(db: Db, tenantId: string, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Db, tenantId: string, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUsersByIds(db: Db, tenantId: string, ids: string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', [...new Set(ids)]).execute();
}

export interface UserFilter { role?: Role; search?: string; organisationId?: string; after?: { name: string; id: string }; limit: number }

/** Users ordered by name then id, after a cursor. */
export async function listUsers(db: Db, tenantId: string, f: UserFilter): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId);
  if (f.role) q = q.where('role', '=', f.role);
  if (f.organisationId) q = q.where('organisation_id', '=', f.organisationId);
  if (f.search) {
    const like = `%${f.search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    // An explicit ESCAPE: SQLite has no default escape character for LIKE.
    q = q.where((eb) => eb.or([sql<SqlBool>`lower(${eb.ref('name')}) like ${like} escape '\\'`, sql<SqlBool>`${eb.ref('email')} like ${like} escape '\\'`]));
  }
  if (f.after) {
    const a = f.after;
    q = q.where((eb) => eb.or([eb('name', '>', a.name), eb.and([eb('name', '=', a.name), eb('id', '>', a.id)])]));
  }
  return q.orderBy('name').orderBy('id').limit(f.limit).execute();
}

export async function insertUser(db: Db, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUserRow(db: Db, tenantId: string, id: string, changes: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function countUsersByRole(db: Db, tenantId: string, role: Role): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId).where('role', '=', role).executeTakeFirstOrThrow();
  return Number(row.n);
}
