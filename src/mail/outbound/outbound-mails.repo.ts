/** The outbox table: the only place that reads and writes outbound_mails and their recipients. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { OutboundMailsTable, OutboundMailStatus } from '../../db/schema.ts';

export type OutboundMailRow = Selectable<OutboundMailsTable>;

export async function insertOutboundMail(db: Db, row: Insertable<OutboundMailsTable>, recipients: string[]): Promise<void> {
  await db.insertInto('outbound_mails').values(row).execute();
  if (recipients.length) {
    await db.insertInto('outbound_mail_recipients')
      .values(recipients.map((address) => ({ tenant_id: row.tenant_id, outbound_id: row.id, address, counted_at: null })))
      .execute();
  }
}

export async function findOutboundMail(db: Db, tenantId: string, id: string): Promise<OutboundMailRow | undefined> {
  return db.selectFrom('outbound_mails').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** Changes a row only while it is in one of `from` (so two actors never both win); true if it changed. */
export async function updateOutboundMail(db: Db, tenantId: string, id: string, from: OutboundMailStatus[], changes: Updateable<OutboundMailsTable>): Promise<boolean> {
  const res = await db.updateTable('outbound_mails').set(changes)
    .where('tenant_id', '=', tenantId).where('id', '=', id).where('status', 'in', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export interface OutboundMailFilter { status?: OutboundMailStatus; ticketId?: string; beforeId?: string; limit: number }

/** Newest first, after an id cursor (ids are UUIDv7: time-ordered). */
export async function listOutboundMails(db: Db, tenantId: string, f: OutboundMailFilter): Promise<OutboundMailRow[]> {
  let q = db.selectFrom('outbound_mails').selectAll().where('tenant_id', '=', tenantId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.ticketId) q = q.where('ticket_id', '=', f.ticketId);
  if (f.beforeId) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

/** Queued rows whose time has come, oldest first (for `parley mail send-due`). */
export async function listDueOutboundMails(db: Db, nowIso: string, limit: number): Promise<Array<Pick<OutboundMailRow, 'tenant_id' | 'id'>>> {
  return db.selectFrom('outbound_mails').select(['tenant_id', 'id'])
    .where('status', '=', 'queued').where('send_at', '<=', nowIso)
    .orderBy('send_at').orderBy('id').limit(limit).execute();
}

/** How many deliveries counted against the threshold for each address since `sinceIso`, other mails than `exceptId`. */
export async function countRecentDeliveries(db: Db, tenantId: string, addresses: string[], sinceIso: string, exceptId: string): Promise<Map<string, number>> {
  if (addresses.length === 0) return new Map();
  const rows = await db.selectFrom('outbound_mail_recipients')
    .select(['address', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId).where('address', 'in', addresses)
    .where('counted_at', '>=', sinceIso).where('outbound_id', '!=', exceptId)
    .groupBy('address').execute();
  return new Map(rows.map((r) => [r.address, Number(r.n)]));
}

/** Marks (or, with null, unmarks) a mail's recipients as counted against the threshold. */
export async function setRecipientsCounted(db: Db, tenantId: string, outboundId: string, at: string | null): Promise<void> {
  await db.updateTable('outbound_mail_recipients').set({ counted_at: at })
    .where('tenant_id', '=', tenantId).where('outbound_id', '=', outboundId).execute();
}

/** Makes the pending delivery jobs of a due mail run now (they may wait out a backoff or a no-transport pause). */
export async function pullDeliveryForward(db: Db, tenantId: string, outboundId: string, nowIso: string): Promise<number> {
  const res = await db.updateTable('jobs').set({ run_at: nowIso, updated_at: nowIso })
    .where('tenant_id', '=', tenantId).where('status', '=', 'pending').where('unique_key', 'like', `mail.deliver:${outboundId}:%`)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The outgoing mail that carried this Message-ID (ours), if we sent it. */
export async function findOutboundMailByEmailId(db: Db, tenantId: string, emailMessageId: string): Promise<OutboundMailRow | undefined> {
  return db.selectFrom('outbound_mails').selectAll().where('tenant_id', '=', tenantId).where('email_message_id', '=', emailMessageId).executeTakeFirst();
}

/** The current status of each of these mails (of any tenant: `parley mail send-due` runs for the install). */
export async function listOutboundMailStatuses(db: Db, mails: ReadonlyArray<Pick<OutboundMailRow, 'tenant_id' | 'id'>>): Promise<OutboundMailStatus[]> {
  if (mails.length === 0) return [];
  const rows = await db.selectFrom('outbound_mails').select('status')
    .where('tenant_id', 'in', [...new Set(mails.map((m) => m.tenant_id))]).where('id', 'in', mails.map((m) => m.id))
    .execute();
  return rows.map((r) => r.status);
}
