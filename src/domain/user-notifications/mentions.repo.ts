/** What @mentions (and the admins' notices) read and write: the tenant's active staff, and the mentions of a note. */
import type { Db } from '../../db/client.ts';

export interface StaffName { id: string; name: string; email: string }

/** The active agents and admins of a tenant: whom a note may mention. */
export async function listActiveStaff(db: Db, tenantId: string): Promise<StaffName[]> {
  return db.selectFrom('users').select(['id', 'name', 'email'])
    .where('tenant_id', '=', tenantId).where('role', 'in', ['agent', 'admin']).where('is_active', '=', true)
    .orderBy('id').execute();
}

/** The ids of the active admins of a tenant: whom the notices about its mail (mail_waiting, mailbox_needs_reauth) go to. */
export async function listActiveAdminIds(db: Db, tenantId: string): Promise<string[]> {
  const rows = await db.selectFrom('users').select('id')
    .where('tenant_id', '=', tenantId).where('role', '=', 'admin').where('is_active', '=', true)
    .orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Stores the people a note mentions (once each). */
export async function insertMessageMentions(db: Db, tenantId: string, messageId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.insertInto('message_mentions').values(userIds.map((userId) => ({ tenant_id: tenantId, message_id: messageId, user_id: userId })))
    .onConflict((oc) => oc.columns(['tenant_id', 'message_id', 'user_id']).doNothing())
    .execute();
}

/** The people each of some messages mentions, by message id. */
export async function findMessageMentions(db: Db, tenantId: string, messageIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (messageIds.length === 0) return out;
  const rows = await db.selectFrom('message_mentions').select(['message_id', 'user_id'])
    .where('tenant_id', '=', tenantId).where('message_id', 'in', messageIds).orderBy('user_id').execute();
  for (const r of rows) out.set(r.message_id, [...(out.get(r.message_id) ?? []), r.user_id]);
  return out;
}
