/** The ticket_presence table (migration 014). Every function takes the tenant first. */
import type { Db } from '../../db/client.ts';
import type { TicketPresenceTable } from '../../db/schema.ts';

export type PresenceState = TicketPresenceTable['state'];

export interface PresentPerson { user_id: string; name: string; state: PresenceState }

/** Says that the user is on the ticket in this state until `expiresAt` (insert or refresh). */
export async function upsertPresence(db: Db, tenantId: string, row: { ticketId: string; userId: string; state: PresenceState; now: string; expiresAt: string }): Promise<void> {
  await db.insertInto('ticket_presence')
    .values({ tenant_id: tenantId, ticket_id: row.ticketId, user_id: row.userId, state: row.state, updated_at: row.now, expires_at: row.expiresAt })
    .onConflict((oc) => oc.columns(['tenant_id', 'ticket_id', 'user_id']).doUpdateSet({ state: row.state, updated_at: row.now, expires_at: row.expiresAt }))
    .execute();
}

/** The people on the ticket whose presence has not expired, but the one asking, by name. */
export async function listPresentOthers(db: Db, tenantId: string, ticketId: string, exceptUserId: string, now: string): Promise<PresentPerson[]> {
  return db.selectFrom('ticket_presence')
    .innerJoin('users', (j) => j.onRef('users.tenant_id', '=', 'ticket_presence.tenant_id').onRef('users.id', '=', 'ticket_presence.user_id'))
    .select(['ticket_presence.user_id', 'users.name', 'ticket_presence.state'])
    .where('ticket_presence.tenant_id', '=', tenantId)
    .where('ticket_presence.ticket_id', '=', ticketId)
    .where('ticket_presence.user_id', '!=', exceptUserId)
    .where('ticket_presence.expires_at', '>', now)
    .where('users.is_active', '=', true)
    .orderBy('users.name').orderBy('ticket_presence.user_id')
    .execute();
}

/** Forgets one person on one ticket (they left). */
export async function deletePresence(db: Db, tenantId: string, ticketId: string, userId: string): Promise<void> {
  await db.deleteFrom('ticket_presence').where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).where('user_id', '=', userId).execute();
}

/** Deletes the tenant's expired rows (closed tabs); answers how many. */
export async function deleteExpiredPresence(db: Db, tenantId: string, now: string): Promise<number> {
  const res = await db.deleteFrom('ticket_presence').where('tenant_id', '=', tenantId).where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}
