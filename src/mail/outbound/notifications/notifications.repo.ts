/** What the notification tasks read that no domain repo offers yet. */
import type { Db } from '../../../db/client.ts';

/** Who caused an event (null: the system, or mail from outside). */
export async function findEventActorId(db: Db, tenantId: string, eventId: number): Promise<string | null> {
  const row = await db.selectFrom('events').select('actor_id').where('tenant_id', '=', tenantId).where('id', '=', eventId).executeTakeFirst();
  return row?.actor_id ?? null;
}

export interface ThreadMail { id: string; author_id: string | null; email_message_id: string; created_at: string }

/** The public messages of a ticket that carry a mail Message-ID (received or sent by us), oldest first. */
export async function listThreadMails(db: Db, tenantId: string, ticketId: string): Promise<ThreadMail[]> {
  const rows = await db.selectFrom('messages').select(['id', 'author_id', 'email_message_id', 'created_at'])
    .where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).where('message_type', '=', 'reply')
    .where('email_message_id', 'is not', null)
    .orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ ...r, email_message_id: r.email_message_id! }));
}
