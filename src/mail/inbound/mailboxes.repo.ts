import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { MailboxesTable } from '../../db/schema.ts';

export type MailboxRow = Selectable<MailboxesTable>;

export async function findMailbox(db: Db, tenantId: string, id: string): Promise<MailboxRow | undefined> {
  return db.selectFrom('mailboxes').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findMailboxByName(db: Db, tenantId: string, name: string): Promise<MailboxRow | undefined> {
  return db.selectFrom('mailboxes').selectAll().where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst();
}

export async function listMailboxes(db: Db, tenantId: string): Promise<MailboxRow[]> {
  return db.selectFrom('mailboxes').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute();
}

/** Every active mailbox of every tenant, for the scheduler. */
export async function listActiveMailboxes(db: Db): Promise<MailboxRow[]> {
  return db.selectFrom('mailboxes').selectAll().where('is_active', '=', true).orderBy('tenant_id').orderBy('name').execute();
}

export async function insertMailbox(db: Db, row: Insertable<MailboxesTable>): Promise<void> {
  await db.insertInto('mailboxes').values(row).execute();
}

export async function updateMailbox(db: Db, tenantId: string, id: string, changes: Updateable<MailboxesTable>): Promise<void> {
  await db.updateTable('mailboxes').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function deleteMailbox(db: Db, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('mailboxes').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
