import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { MessagesTable } from '../../db/schema.ts';

export type MessageRow = Selectable<MessagesTable>;

export async function insertMessage(db: Db, row: Insertable<MessagesTable>): Promise<void> {
  await db.insertInto('messages').values(row).execute();
}

/** Several messages in a few statements (the system lines of a bulk change). */
export async function insertMessages(db: Db, rows: Array<Insertable<MessagesTable>>): Promise<void> {
  for (let at = 0; at < rows.length; at += 500) await db.insertInto('messages').values(rows.slice(at, at + 500)).execute();
}

export async function listMessages(db: Db, tenantId: string, ticketId: string, opts: { includeNotes: boolean; limit?: number }): Promise<MessageRow[]> {
  let q = db.selectFrom('messages').selectAll().where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId);
  if (!opts.includeNotes) q = q.where('message_type', '!=', 'note');
  q = q.orderBy('created_at').orderBy('id');
  if (opts.limit) q = q.limit(opts.limit);
  return q.execute();
}

/** A page of a ticket's messages, newest first, older than `before` (keyset on created_at, id). */
export async function listMessagesBefore(db: Db, tenantId: string, ticketId: string, opts: { includeNotes: boolean; before?: { createdAt: string; id: string }; limit: number }): Promise<MessageRow[]> {
  let q = db.selectFrom('messages').selectAll().where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId);
  if (!opts.includeNotes) q = q.where('message_type', '!=', 'note');
  const b = opts.before;
  if (b) q = q.where((e) => e.or([e('created_at', '<', b.createdAt), e.and([e('created_at', '=', b.createdAt), e('id', '<', b.id)])]));
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

export async function findMessage(db: Db, tenantId: string, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** The message that carries an email Message-ID, for threading replies (issue: inbound mail). */
export async function findMessageByEmailId(db: Db, tenantId: string, emailMessageId: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('tenant_id', '=', tenantId).where('email_message_id', '=', emailMessageId).executeTakeFirst();
}

/** The id of a ticket's first message (the one that opened it). */
export async function findFirstMessageId(db: Db, tenantId: string, ticketId: string): Promise<string | undefined> {
  const row = await db.selectFrom('messages').select('id').where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId)
    .orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  return row?.id;
}

/** Records the Message-ID our mail of a message carried, so the customer's answer threads back to it. */
export async function setMessageEmailId(db: Db, tenantId: string, id: string, emailMessageId: string): Promise<void> {
  await db.updateTable('messages').set({ email_message_id: emailMessageId })
    .where('tenant_id', '=', tenantId).where('id', '=', id).where('email_message_id', 'is', null).execute();
}
