/** The saved_views table (migration 012). Every function takes the tenant and the owner first. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { SavedViewsTable } from '../../db/schema.ts';

export type SavedViewRow = Selectable<SavedViewsTable>;

/** A person's views in their order. */
export async function listUserViews(db: Db, tenantId: string, userId: string): Promise<SavedViewRow[]> {
  return db.selectFrom('saved_views').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId)
    .orderBy('position').orderBy('id').execute();
}

/** One of a person's views (someone else's is not there). */
export async function findUserView(db: Db, tenantId: string, userId: string, id: string): Promise<SavedViewRow | undefined> {
  return db.selectFrom('saved_views').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId)
    .where('id', '=', id).executeTakeFirst();
}

export async function insertView(db: Db, row: Insertable<SavedViewsTable>): Promise<void> {
  await db.insertInto('saved_views').values(row).execute();
}

export async function updateView(db: Db, tenantId: string, userId: string, id: string, changes: Updateable<SavedViewsTable>): Promise<void> {
  await db.updateTable('saved_views').set(changes).where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('id', '=', id).execute();
}

export async function deleteView(db: Db, tenantId: string, userId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom('saved_views').where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
