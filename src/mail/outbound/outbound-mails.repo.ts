/** The outbox table: the only place that reads and writes outbound_mails and their recipients. */
import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool, Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Database, OutboundMailsTable, OutboundMailStatus } from '../../db/schema.ts';

export type OutboundMailRow = Selectable<OutboundMailsTable>;

/** A mail to insert, with the addresses it is counted against (none for a row kept cancelled). */
export interface NewOutboundMail { row: Insertable<OutboundMailsTable>; recipients: readonly string[] }

/**
 * Inserts mails and their recipients, a few statements for any number; answers the ids of
 * the rows inserted. A mail whose dedupe key exists already is not inserted (nor are its
 * recipients). On PostgreSQL a concurrent insert of that key waits for the first to commit,
 * then finds the conflict: two workers never both queue it.
 */
export async function insertOutboundMails(db: Db, mails: readonly NewOutboundMail[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let at = 0; at < mails.length; at += 200) {
    const rows = await db.insertInto('outbound_mails').values(mails.slice(at, at + 200).map((m) => m.row))
      .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).doNothing())
      .returning('id').execute();
    for (const r of rows) inserted.add(r.id);
  }
  const recipients = mails.filter((m) => inserted.has(m.row.id!))
    .flatMap((m) => m.recipients.map((address) => ({ tenant_id: m.row.tenant_id, outbound_id: m.row.id!, address, counted_at: null })));
  for (let at = 0; at < recipients.length; at += 500) {
    await db.insertInto('outbound_mail_recipients').values(recipients.slice(at, at + 500)).execute();
  }
  return inserted;
}

export async function findOutboundMail(db: Db, tenantId: string, id: string): Promise<OutboundMailRow | undefined> {
  return db.selectFrom('outbound_mails').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** The mails queued under these dedupe keys, by key. */
export async function findOutboundMailsByDedupeKeys(db: Db, tenantId: string, keys: readonly string[]): Promise<Map<string, Pick<OutboundMailRow, 'id' | 'email_message_id'>>> {
  const found = new Map<string, Pick<OutboundMailRow, 'id' | 'email_message_id'>>();
  for (let at = 0; at < keys.length; at += 500) {
    const rows = await db.selectFrom('outbound_mails').select(['id', 'email_message_id', 'dedupe_key'])
      .where('tenant_id', '=', tenantId).where('dedupe_key', 'in', keys.slice(at, at + 500)).execute();
    for (const r of rows) if (r.dedupe_key) found.set(r.dedupe_key, { id: r.id, email_message_id: r.email_message_id });
  }
  return found;
}

/** Changes a queued row only while its send_at is still after `notBeforeIso` (a scheduled mail nobody may be sending); true if it changed. */
export async function updateScheduledOutboundMail(db: Db, tenantId: string, id: string, notBeforeIso: string, changes: Updateable<OutboundMailsTable>): Promise<boolean> {
  const res = await db.updateTable('outbound_mails').set(changes)
    .where('tenant_id', '=', tenantId).where('id', '=', id).where('status', '=', 'queued').where('send_at', '>', notBeforeIso)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Changes a row only while it is in one of `from` (so two actors never both win); true if it changed. */
export async function updateOutboundMail(db: Db, tenantId: string, id: string, from: OutboundMailStatus[], changes: Updateable<OutboundMailsTable>): Promise<boolean> {
  const res = await db.updateTable('outbound_mails').set(changes)
    .where('tenant_id', '=', tenantId).where('id', '=', id).where('status', 'in', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export interface OutboundMailFilter {
  /** `scheduled`: queued with send_at still ahead; `queued`: queued and due. */
  status?: OutboundMailStatus | 'scheduled';
  ticketId?: string;
  /** Only the mail of replies this user scheduled. */
  scheduledBy?: string;
  /** Only mail of tickets that match this condition (the ticket policy's visibleTickets). */
  ticketVisible?: (eb: ExpressionBuilder<Database, 'tickets'>) => Expression<SqlBool>;
  beforeId?: string;
  limit: number;
}

/** Newest first, after an id cursor (ids are UUIDv7: time-ordered). */
export async function listOutboundMails(db: Db, tenantId: string, f: OutboundMailFilter, nowIso: string): Promise<OutboundMailRow[]> {
  let q = db.selectFrom('outbound_mails').selectAll().where('tenant_id', '=', tenantId);
  if (f.status === 'scheduled') q = q.where('status', '=', 'queued').where('send_at', '>', nowIso);
  else if (f.status === 'queued') q = q.where('status', '=', 'queued').where('send_at', '<=', nowIso);
  else if (f.status) q = q.where('status', '=', f.status);
  if (f.ticketId) q = q.where('ticket_id', '=', f.ticketId);
  if (f.scheduledBy) {
    const by = f.scheduledBy;
    q = q.where('message_id', 'in', (eb) => eb.selectFrom('scheduled_replies').select('message_id')
      .where('scheduled_replies.tenant_id', '=', tenantId).where('author_id', '=', by));
  }
  if (f.ticketVisible) {
    const visible = f.ticketVisible;
    q = q.where('ticket_id', 'in', (eb) => eb.selectFrom('tickets').select('tickets.id').where('tickets.tenant_id', '=', tenantId).where(visible));
  }
  if (f.beforeId) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

/** Moves the pending jobs with this unique key (or key prefix, ending in `%`) to run at `runAtIso`; how many moved. */
export async function movePendingJobs(db: Db, tenantId: string, uniqueKey: string, runAtIso: string): Promise<number> {
  const res = await db.updateTable('jobs').set({ run_at: runAtIso, updated_at: new Date().toISOString() })
    .where('tenant_id', '=', tenantId).where('status', '=', 'pending')
    .where('unique_key', uniqueKey.endsWith('%') ? 'like' : '=', uniqueKey)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** A ticket's outgoing mails that carry one of these messages and have not gone out (queued or held). */
export async function listUnsentMailsOfMessages(db: Db, tenantId: string, messageIds: string[]): Promise<OutboundMailRow[]> {
  if (messageIds.length === 0) return [];
  return db.selectFrom('outbound_mails').selectAll().where('tenant_id', '=', tenantId)
    .where('message_id', 'in', messageIds).where('status', 'in', ['queued', 'held']).execute();
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
