import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { InboundMessagesTable } from '../../db/schema.ts';

export type InboundRow = Selectable<InboundMessagesTable>;
export const INBOUND_STATUSES = ['received', 'processed', 'rejected', 'dropped', 'ignored', 'quarantined', 'discarded'] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

/** Inserts the message and its raw bytes; false when the mailbox already has it (same dedupe key). */
export async function insertInbound(db: Db, row: Insertable<InboundMessagesTable>, raw: Buffer): Promise<boolean> {
  const r = await db.insertInto('inbound_messages').values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'mailbox_key', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await db.insertInto('inbound_raw').values({ inbound_id: row.id, tenant_id: row.tenant_id, raw }).execute();
  return true;
}

export async function findInboundByKey(db: Db, tenantId: string, mailboxKey: string, dedupeKey: string): Promise<InboundRow | undefined> {
  return db.selectFrom('inbound_messages').selectAll().where('tenant_id', '=', tenantId)
    .where('mailbox_key', '=', mailboxKey).where('dedupe_key', '=', dedupeKey).executeTakeFirst();
}

/**
 * Stored messages of the tenant, in any mailbox, that carry one of these Message-IDs and
 * are not processed yet (`received`: waiting, or being processed right now).
 */
export async function listUnprocessedByMessageIds(db: Db, tenantId: string, messageIds: string[]): Promise<Array<{ id: string; received_at: string }>> {
  const keys = [...new Set(messageIds.slice(0, 100).map((m) => `mid:${m.toLowerCase()}`))];
  if (!keys.length) return [];
  return db.selectFrom('inbound_messages').select(['id', 'received_at']).where('tenant_id', '=', tenantId)
    .where('dedupe_key', 'in', keys).where('status', '=', 'received').execute();
}

/** A message stored earlier with the same content digest (mail without a Message-ID), in any mailbox of the tenant. */
export async function findInboundByDigest(db: Db, tenantId: string, digest: string, exceptId?: string): Promise<InboundRow | undefined> {
  let q = db.selectFrom('inbound_messages').selectAll().where('tenant_id', '=', tenantId).where('content_digest', '=', digest);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.orderBy('received_at').orderBy('id').limit(1).executeTakeFirst();
}

export async function findInbound(db: Db, tenantId: string, id: string): Promise<InboundRow | undefined> {
  return db.selectFrom('inbound_messages').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function loadInboundRaw(db: Db, tenantId: string, id: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('inbound_raw').select('raw').where('tenant_id', '=', tenantId).where('inbound_id', '=', id).executeTakeFirst();
  return row ? Buffer.from(row.raw) : undefined;
}

export async function updateInbound(db: Db, tenantId: string, id: string, changes: Updateable<InboundMessagesTable>): Promise<void> {
  await db.updateTable('inbound_messages').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/**
 * Moves a message from one status to the next only if it is still in `from`; false when
 * another run got there first. This is what makes processing idempotent.
 */
export async function transitionInbound(db: Db, tenantId: string, id: string, from: InboundStatus[], changes: Updateable<InboundMessagesTable>): Promise<boolean> {
  const r = await db.updateTable('inbound_messages').set(changes)
    .where('tenant_id', '=', tenantId).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface InboundFilter { status?: string; mailboxId?: string; before?: { at: string; id: string }; limit: number }

export async function listInbound(db: Db, tenantId: string, f: InboundFilter): Promise<InboundRow[]> {
  let q = db.selectFrom('inbound_messages').selectAll().where('tenant_id', '=', tenantId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.mailboxId) q = q.where('mailbox_id', '=', f.mailboxId);
  if (f.before) {
    const b = f.before;
    q = q.where((eb) => eb.or([eb('received_at', '<', b.at), eb.and([eb('received_at', '=', b.at), eb('id', '<', b.id)])]));
  }
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export async function countInboundByStatus(db: Db, tenantId: string): Promise<Record<string, number>> {
  const rows = await db.selectFrom('inbound_messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Messages still waiting for processing since before `before`, oldest first. */
export async function listReceivedBefore(db: Db, before: string, limit: number): Promise<Array<{ id: string; tenant_id: string }>> {
  return db.selectFrom('inbound_messages').select(['id', 'tenant_id'])
    .where('status', '=', 'received').where('received_at', '<', before).orderBy('received_at').limit(limit).execute();
}
