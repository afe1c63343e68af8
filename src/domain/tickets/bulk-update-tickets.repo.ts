/** The reads and writes of a bulk change that take a whole batch of tickets at once. */
import type { Expression, ExpressionBuilder, SqlBool, Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Database, TicketsTable } from '../../db/schema.ts';
import type { TicketRow } from './tickets.repo.ts';

/** Ids per statement: well under SQLite's and PostgreSQL's limits on bound parameters. */
const IDS_PER_QUERY = 1000;

const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/** The tickets among `ids` that the visibility rule lets through, in number order. */
export async function findVisibleTickets(db: Db, tenantId: string, ids: string[], visible: (eb: ExpressionBuilder<Database, 'tickets'>) => Expression<SqlBool>): Promise<TicketRow[]> {
  const out: TicketRow[] = [];
  for (const part of chunks(ids, IDS_PER_QUERY)) {
    out.push(...await db.selectFrom('tickets').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', part).where(visible).execute());
  }
  return out.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
}

/** Each ticket's tags (id and name), sorted by name. */
export async function listTicketTagRows(db: Db, tenantId: string, ticketIds: string[]): Promise<Map<string, Array<{ id: number; name: string }>>> {
  const out = new Map<string, Array<{ id: number; name: string }>>(ticketIds.map((id) => [id, []]));
  for (const part of chunks(ticketIds, IDS_PER_QUERY)) {
    const rows = await db.selectFrom('ticket_tags')
      .innerJoin('tags', (j) => j.onRef('tags.tenant_id', '=', 'ticket_tags.tenant_id').onRef('tags.id', '=', 'ticket_tags.tag_id'))
      .select(['ticket_tags.ticket_id', 'tags.id', 'tags.name'])
      .where('ticket_tags.tenant_id', '=', tenantId).where('ticket_tags.ticket_id', 'in', part)
      .orderBy('tags.name').execute();
    for (const r of rows) out.get(r.ticket_id)?.push({ id: r.id, name: r.name });
  }
  return out;
}

/** Adds tags to tickets (pairs a ticket already has are skipped). */
export async function addTicketTags(db: Db, tenantId: string, pairs: Array<{ ticketId: string; tagId: number }>): Promise<void> {
  for (const part of chunks(pairs, 500)) {
    await db.insertInto('ticket_tags').values(part.map((p) => ({ tenant_id: tenantId, ticket_id: p.ticketId, tag_id: p.tagId })))
      .onConflict((oc) => oc.columns(['tenant_id', 'ticket_id', 'tag_id']).doNothing()).execute();
  }
}

/** Takes tags off tickets. */
export async function removeTicketTags(db: Db, tenantId: string, ticketIds: string[], tagIds: number[]): Promise<void> {
  if (tagIds.length === 0) return;
  for (const part of chunks(ticketIds, IDS_PER_QUERY)) {
    await db.deleteFrom('ticket_tags').where('tenant_id', '=', tenantId).where('ticket_id', 'in', part).where('tag_id', 'in', tagIds).execute();
  }
}

/** The same column values on many tickets, in one statement per chunk. */
export async function updateTicketRows(db: Db, tenantId: string, ids: string[], changes: Updateable<TicketsTable>): Promise<void> {
  for (const part of chunks(ids, IDS_PER_QUERY)) {
    await db.updateTable('tickets').set(changes).where('tenant_id', '=', tenantId).where('id', 'in', part).execute();
  }
}
