import type { Db } from '../../db/client.ts';

/** The department ids of many users in one query, for a page of users (no query per row). */
export async function listDepartmentIdsOfUsers(db: Db, tenantId: string, userIds: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await db.selectFrom('department_members').select(['user_id', 'department_id'])
    .where('tenant_id', '=', tenantId).where('user_id', 'in', [...new Set(userIds)])
    .orderBy('department_id').execute();
  for (const r of rows) out.get(r.user_id)?.push(r.department_id);
  return out;
}
