/** The only place that reads and writes a tenant's outgoing-mail settings, DKIM key and no-transport notice. */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { OutgoingDkimTable, OutgoingTransportsTable } from '../../db/schema.ts';

export type OutgoingTransportRow = Selectable<OutgoingTransportsTable>;
export type OutgoingDkimRow = Selectable<OutgoingDkimTable>;
export type NewOutgoingTransport = Omit<Insertable<OutgoingTransportsTable>, 'version' | 'created_at' | 'updated_at'>;

/** Department 0 holds the tenant's own settings. */
export const TENANT_SCOPE = 0;

/** The stored setting of one scope (department 0: the tenant). */
export async function findOutgoingTransport(db: Db, tenantId: string, departmentId: number): Promise<OutgoingTransportRow | undefined> {
  return db.selectFrom('outgoing_transports').selectAll().where('tenant_id', '=', tenantId).where('department_id', '=', departmentId).executeTakeFirst();
}

/** The tenant's settings and, when given, a department's: what a delivery chooses from. */
export async function listOutgoingTransports(db: Db, tenantId: string, departmentId: number | null): Promise<OutgoingTransportRow[]> {
  return db.selectFrom('outgoing_transports').selectAll().where('tenant_id', '=', tenantId)
    .where('department_id', 'in', departmentId === null ? [TENANT_SCOPE] : [TENANT_SCOPE, departmentId]).execute();
}

/** Inserts or replaces the settings of one scope; the version grows, so open transports are rebuilt. */
export async function saveOutgoingTransport(db: Db, row: NewOutgoingTransport, now: string): Promise<void> {
  const before = await findOutgoingTransport(db, row.tenant_id, row.department_id);
  if (!before) {
    await db.insertInto('outgoing_transports').values({ ...row, version: 1, created_at: now, updated_at: now }).execute();
    return;
  }
  await db.updateTable('outgoing_transports').set({ ...row, version: before.version + 1, updated_at: now })
    .where('tenant_id', '=', row.tenant_id).where('department_id', '=', row.department_id).execute();
}

/** True if there was a setting to delete. */
export async function deleteOutgoingTransport(db: Db, tenantId: string, departmentId: number): Promise<boolean> {
  const res = await db.deleteFrom('outgoing_transports').where('tenant_id', '=', tenantId).where('department_id', '=', departmentId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** The tenant's DKIM key row (the private half sealed). */
export async function findDkimKey(db: Db, tenantId: string): Promise<OutgoingDkimRow | undefined> {
  return db.selectFrom('outgoing_dkim').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

/** Replaces the tenant's DKIM key. */
export async function saveDkimKey(db: Db, row: OutgoingDkimRow): Promise<void> {
  await db.deleteFrom('outgoing_dkim').where('tenant_id', '=', row.tenant_id).execute();
  await db.insertInto('outgoing_dkim').values(row).execute();
}

/** True if the tenant had a DKIM key to delete. */
export async function deleteDkimKey(db: Db, tenantId: string): Promise<boolean> {
  const res = await db.deleteFrom('outgoing_dkim').where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Since when the tenant's mail waits for a transport, if it does. */
export async function findNoTransportNotice(db: Db, tenantId: string): Promise<{ waiting_since: string; notified_at: string } | undefined> {
  return db.selectFrom('outgoing_mail_notices').select(['waiting_since', 'notified_at']).where('tenant_id', '=', tenantId).executeTakeFirst();
}

/** Starts a waiting episode; false if one is already open (its admins were told). */
export async function openNoTransportNotice(db: Db, tenantId: string, now: string): Promise<boolean> {
  const res = await db.insertInto('outgoing_mail_notices').values({ tenant_id: tenantId, waiting_since: now, notified_at: now })
    .onConflict((oc) => oc.column('tenant_id').doNothing()).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Ends the waiting episode (a transport exists again); true if one was open. */
export async function closeNoTransportNotice(db: Db, tenantId: string): Promise<boolean> {
  const res = await db.deleteFrom('outgoing_mail_notices').where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Makes the tenant's pending deliveries run now: a transport appeared or changed, waiting mail goes out. */
export async function wakeWaitingDeliveries(db: Db, tenantId: string, now: string): Promise<number> {
  const res = await db.updateTable('jobs').set({ run_at: now, updated_at: now })
    .where('tenant_id', '=', tenantId).where('status', '=', 'pending').where('name', '=', 'mail.deliver').where('run_at', '>', now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** How many of the tenant's mails are queued (shown while they wait for a transport). */
export async function countQueuedMail(db: Db, tenantId: string): Promise<number> {
  const row = await db.selectFrom('outbound_mails').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId).where('status', '=', 'queued').executeTakeFirst();
  return Number(row?.n ?? 0);
}
