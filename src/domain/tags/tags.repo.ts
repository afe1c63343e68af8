import type { Selectable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { TagsTable } from '../../db/schema.ts';

export type TagRow = Selectable<TagsTable>;

export async function listTags(db: Db, tenantId: string): Promise<TagRow[]> {
  return db.selectFrom('tags').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute();
}

export async function findTagsByNames(db: Db, tenantId: string, names: string[]): Promise<TagRow[]> {
  if (names.length === 0) return [];
  return db.selectFrom('tags').selectAll().where('tenant_id', '=', tenantId).where('name', 'in', names).execute();
}

export async function findTag(db: Db, tenantId: string, id: number): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** Inserts the tag unless the tenant already has one of that name (a concurrent request may have just made it). */
export async function insertTagIfAbsent(db: Db, row: TagRow): Promise<void> {
  await db.insertInto('tags').values(row).onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing()).execute();
}

export async function deleteTag(db: Db, tenantId: string, id: number): Promise<void> {
  await db.deleteFrom('tags').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Tag names per ticket, for presenting a page of tickets in one query. */
export async function listTicketTagNames(db: Db, tenantId: string, ticketIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ticketIds.map((id) => [id, []]));
  if (ticketIds.length === 0) return out;
  const rows = await db.selectFrom('ticket_tags')
    .innerJoin('tags', (j) => j.onRef('tags.tenant_id', '=', 'ticket_tags.tenant_id').onRef('tags.id', '=', 'ticket_tags.tag_id'))
    .select(['ticket_tags.ticket_id', 'tags.name'])
    .where('ticket_tags.tenant_id', '=', tenantId).where('ticket_tags.ticket_id', 'in', ticketIds)
    .orderBy('tags.name').execute();
  for (const r of rows) out.get(r.ticket_id)?.push(r.name);
  return out;
}

export async function replaceTicketTags(db: Db, tenantId: string, ticketId: string, tagIds: number[]): Promise<void> {
  await db.deleteFrom('ticket_tags').where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).execute();
  if (tagIds.length) {
    await db.insertInto('ticket_tags').values(tagIds.map((tag_id) => ({ tenant_id: tenantId, ticket_id: ticketId, tag_id }))).execute();
  }
}

export async function countTicketsPerTag(db: Db, tenantId: string): Promise<Map<number, number>> {
  const rows = await db.selectFrom('ticket_tags').select(['tag_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId).groupBy('tag_id').execute();
  return new Map(rows.map((r) => [r.tag_id, Number(r.n)]));
}
