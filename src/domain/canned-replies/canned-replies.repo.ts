import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { CannedRepliesTable } from '../../db/schema.ts';

export type CannedReplyRow = Selectable<CannedRepliesTable>;

export async function findCannedReply(db: Db, tenantId: string, id: string): Promise<CannedReplyRow | undefined> {
  return db.selectFrom('canned_replies').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export interface CannedReplyFilter {
  /** The person asking: their own replies are listed, nobody else's. */
  userId: string;
  /** Shared replies of these departments (and those for every department); null: of every department. */
  departmentIds: number[] | null;
  /** Only the person's own (true) or only shared ones (false). */
  mine?: boolean;
  /** Only those offered on this department's tickets (its own and those for every department). */
  forDepartment?: number;
  after?: { name: string; id: string };
  limit: number;
}

/** The canned replies a person sees, by name: their own and the shared ones of their departments. */
export async function listCannedReplies(db: Db, tenantId: string, f: CannedReplyFilter): Promise<CannedReplyRow[]> {
  let q = db.selectFrom('canned_replies').selectAll().where('tenant_id', '=', tenantId);
  q = q.where((eb) => {
    const own = eb('owner_id', '=', f.userId);
    const sharedDepartments = f.departmentIds === null ? eb('owner_id', 'is', null)
      : eb.and([eb('owner_id', 'is', null), eb.or([eb('department_id', 'is', null), ...(f.departmentIds.length ? [eb('department_id', 'in', f.departmentIds)] : [])])]);
    if (f.mine === true) return own;
    if (f.mine === false) return sharedDepartments;
    return eb.or([own, sharedDepartments]);
  });
  if (f.forDepartment !== undefined) q = q.where((eb) => eb.or([eb('department_id', 'is', null), eb('department_id', '=', f.forDepartment!)]));
  if (f.after) {
    const { name, id } = f.after;
    q = q.where((eb) => eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]));
  }
  return q.orderBy('name').orderBy('id').limit(f.limit).execute();
}

export async function insertCannedReply(db: Db, row: CannedReplyRow): Promise<void> {
  await db.insertInto('canned_replies').values(row).execute();
}

export async function updateCannedReplyRow(db: Db, tenantId: string, id: string, changes: Updateable<CannedRepliesTable>): Promise<void> {
  await db.updateTable('canned_replies').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function deleteCannedReplyRow(db: Db, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('canned_replies').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
