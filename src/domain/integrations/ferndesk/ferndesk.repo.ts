/**
 * The Ferndesk integration row (migration 026) and the reads of its public feed. Tenant
 * first on every call, except finding the integration by its token's hash (which is how
 * the public feed learns its tenant).
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../../db/client.ts';
import type { FerndeskIntegrationsTable } from '../../../db/schema.ts';

export type FerndeskRow = Selectable<FerndeskIntegrationsTable>;

export async function findFerndesk(db: Db, tenantId: string): Promise<FerndeskRow | undefined> {
  return db.selectFrom('ferndesk_integrations').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

/** The enabled integration whose token has this SHA-256, whatever its tenant. */
export async function findFerndeskByTokenHash(db: Db, tokenHash: string): Promise<FerndeskRow | undefined> {
  return db.selectFrom('ferndesk_integrations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function insertFerndesk(db: Db, row: Insertable<FerndeskIntegrationsTable>): Promise<void> {
  await db.insertInto('ferndesk_integrations').values(row).execute();
}

export async function updateFerndesk(db: Db, tenantId: string, changes: Updateable<FerndeskIntegrationsTable>): Promise<void> {
  await db.updateTable('ferndesk_integrations').set(changes).where('tenant_id', '=', tenantId).execute();
}

export interface FeedTicket { id: string; number: string; requester_id: string; updated_at: string }

/** Tickets updated at or after `since`, most recently updated first, after the keyset `after` (tickets_updated_idx). */
export async function listFeedTickets(db: Db, tenantId: string, f: { since: string; after?: { updatedAt: string; id: string }; limit: number }): Promise<FeedTicket[]> {
  let q = db.selectFrom('tickets').select(['id', 'number', 'requester_id', 'updated_at'])
    .where('tenant_id', '=', tenantId).where('updated_at', '>=', f.since);
  const a = f.after;
  if (a) q = q.where((e) => e.or([e('updated_at', '<', a.updatedAt), e.and([e('updated_at', '=', a.updatedAt), e('id', '<', a.id)])]));
  return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export interface FeedMessage {
  id: string; ticket_id: string; author_id: string | null; author_role: string | null;
  body: string; body_html: string | null; created_at: string;
  scheduled: string | null; published_at: string | null;
}

/**
 * The public replies of these tickets (never notes or system lines), oldest first, with the
 * author's role and, for a scheduled reply, whether it was published.
 */
export async function listFeedMessages(db: Db, tenantId: string, ticketIds: string[]): Promise<FeedMessage[]> {
  if (ticketIds.length === 0) return [];
  return db.selectFrom('messages as m')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.author_id'))
    .leftJoin('scheduled_replies as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.message_id', '=', 'm.id'))
    .select(['m.id', 'm.ticket_id', 'm.author_id', 'u.role as author_role', 'm.body', 'm.body_html', 'm.created_at', 's.message_id as scheduled', 's.published_at'])
    .where('m.tenant_id', '=', tenantId).where('m.ticket_id', 'in', ticketIds).where('m.message_type', '=', 'reply')
    .orderBy('m.created_at').orderBy('m.id')
    .execute();
}
