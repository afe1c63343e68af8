/** Scheduled replies (migration 010): the only place that reads and writes scheduled_replies. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { ScheduledRepliesTable } from '../../db/schema.ts';

export type ScheduledReplyRow = Selectable<ScheduledRepliesTable>;

export async function insertScheduledReply(db: Db, row: Insertable<ScheduledRepliesTable>): Promise<void> {
  await db.insertInto('scheduled_replies').values(row).execute();
}

export async function findScheduledReply(db: Db, tenantId: string, messageId: string): Promise<ScheduledReplyRow | undefined> {
  return db.selectFrom('scheduled_replies').selectAll().where('tenant_id', '=', tenantId).where('message_id', '=', messageId).executeTakeFirst();
}

/** The scheduled replies among these messages, by message id (for the thread). */
export async function listScheduledRepliesOf(db: Db, tenantId: string, messageIds: string[]): Promise<Map<string, ScheduledReplyRow>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db.selectFrom('scheduled_replies').selectAll()
    .where('tenant_id', '=', tenantId).where('message_id', 'in', messageIds).execute();
  return new Map(rows.map((r) => [r.message_id, r]));
}

/**
 * A ticket's replies still waiting (neither published nor cancelled, send_at after `nowIso`)
 * written before message `beforeMessageId` (ids are UUIDv7: time-ordered).
 */
export async function listWaitingScheduledReplies(db: Db, tenantId: string, ticketId: string, beforeMessageId: string, nowIso: string): Promise<ScheduledReplyRow[]> {
  return db.selectFrom('scheduled_replies').selectAll()
    .where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).where('send_at', '>', nowIso)
    .where('published_at', 'is', null).where('cancelled_at', 'is', null).where('message_id', '<', beforeMessageId)
    .orderBy('message_id').execute();
}

/** Whether any of these tickets has a reply still waiting (neither published nor cancelled). */
export async function anyWaitingScheduledReply(db: Db, tenantId: string, ticketIds: string[]): Promise<boolean> {
  if (ticketIds.length === 0) return false;
  const row = await db.selectFrom('scheduled_replies').select('message_id')
    .where('tenant_id', '=', tenantId).where('ticket_id', 'in', [...new Set(ticketIds)])
    .where('published_at', 'is', null).where('cancelled_at', 'is', null)
    .limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Changes a reply only while it still waits (neither published nor cancelled); true if it changed. */
export async function updateWaitingScheduledReply(db: Db, tenantId: string, messageId: string, changes: Updateable<ScheduledRepliesTable>): Promise<boolean> {
  const res = await db.updateTable('scheduled_replies').set(changes)
    .where('tenant_id', '=', tenantId).where('message_id', '=', messageId)
    .where('published_at', 'is', null).where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
