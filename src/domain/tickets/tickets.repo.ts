import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { TicketsTable } from '../../db/schema.ts';

export type TicketRow = Selectable<TicketsTable>;

export async function insertTicket(db: Db, row: Insertable<TicketsTable>): Promise<void> {
  await db.insertInto('tickets').values(row).execute();
}

export async function findTicket(db: Db, tenantId: string, id: string): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findTicketByNumber(db: Db, tenantId: string, number: string): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('tenant_id', '=', tenantId).where('number', '=', number).executeTakeFirst();
}

export async function updateTicketRow(db: Db, tenantId: string, id: string, changes: Updateable<TicketsTable>): Promise<void> {
  await db.updateTable('tickets').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function listRecipients(db: Db, tenantId: string, ticketIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ticketIds.map((id) => [id, []]));
  if (ticketIds.length === 0) return out;
  const rows = await db.selectFrom('ticket_recipients').select(['ticket_id', 'address'])
    .where('tenant_id', '=', tenantId).where('ticket_id', 'in', ticketIds).orderBy('address').execute();
  for (const r of rows) out.get(r.ticket_id)?.push(r.address);
  return out;
}

export async function replaceRecipients(db: Db, tenantId: string, ticketId: string, addresses: string[]): Promise<void> {
  await db.deleteFrom('ticket_recipients').where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).execute();
  if (addresses.length) {
    await db.insertInto('ticket_recipients').values(addresses.map((address) => ({ tenant_id: tenantId, ticket_id: ticketId, address }))).execute();
  }
}
