import { sql, type Expression, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Database, TicketsTable } from '../../db/schema.ts';

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

export interface TicketPageQuery {
  /** The actor's visibility rule (ticket.policy.ts), applied to list and detail alike. */
  visible: (eb: ExpressionBuilder<Database, 'tickets'>) => Expression<SqlBool>;
  status?: string[];
  priority?: string[];
  departmentIds?: number[];
  assigneeId?: string | null;
  requesterId?: string;
  organisationId?: string;
  category?: string;
  channel?: string;
  tag?: string;
  createdAfter?: string; createdBefore?: string;
  updatedAfter?: string; updatedBefore?: string;
  number?: string;
  /** A running SLA clock falls due after / at or before these instants (docs/sla.md). */
  slaDueAfter?: string; slaDueBefore?: string;
  /** Ids of matching tickets from the search index (search.repo.ts), as a subquery … */
  matching?: Expression<string>;
  /** … or, when they are few, as a list. */
  ids?: string[];
  /** sla_due_at lists only the tickets with a running SLA clock, soonest due first when ascending. */
  column: 'created_at' | 'updated_at' | 'sla_due_at';
  desc: boolean;
  after?: { v: string; id: string };
  limit: number;
}

/** The filters of a ticket list or count, as SQL on tickets (the visibility rule first). */
export type TicketFilterQuery = Omit<TicketPageQuery, 'column' | 'desc' | 'after' | 'limit'>;

function filteredTickets(db: Db, tenantId: string, q: TicketFilterQuery) {
  let query = db.selectFrom('tickets').where('tickets.tenant_id', '=', tenantId).where(q.visible);
  if (q.status?.length) query = query.where('tickets.status', 'in', q.status);
  if (q.priority?.length) query = query.where('tickets.priority', 'in', q.priority);
  // An empty list of departments (an agent in none asked for "my departments") matches nothing.
  if (q.departmentIds) query = q.departmentIds.length ? query.where('tickets.department_id', 'in', q.departmentIds) : query.where(sql<SqlBool>`1 = 0`);
  if (q.assigneeId === null) query = query.where('tickets.assignee_id', 'is', null);
  else if (q.assigneeId) query = query.where('tickets.assignee_id', '=', q.assigneeId);
  if (q.requesterId) query = query.where('tickets.requester_id', '=', q.requesterId);
  if (q.organisationId) query = query.where('tickets.organisation_id', '=', q.organisationId);
  if (q.category) query = query.where('tickets.category', '=', q.category);
  if (q.channel) query = query.where('tickets.channel', '=', q.channel);
  if (q.createdAfter) query = query.where('tickets.created_at', '>=', q.createdAfter);
  if (q.createdBefore) query = query.where('tickets.created_at', '<', q.createdBefore);
  if (q.updatedAfter) query = query.where('tickets.updated_at', '>=', q.updatedAfter);
  if (q.updatedBefore) query = query.where('tickets.updated_at', '<', q.updatedBefore);
  if (q.number) query = query.where('tickets.number', '=', q.number);
  if (q.slaDueAfter) query = query.where('tickets.sla_due_at', '>', q.slaDueAfter);
  if (q.slaDueBefore) query = query.where('tickets.sla_due_at', '<=', q.slaDueBefore);
  if (q.matching) query = query.where('tickets.id', 'in', q.matching);
  if (q.ids) query = query.where('tickets.id', 'in', q.ids);
  if (q.tag) {
    const tag = q.tag;
    query = query.where('tickets.id', 'in', (eb) => eb.selectFrom('ticket_tags')
      .innerJoin('tags', (j) => j.onRef('tags.tenant_id', '=', 'ticket_tags.tenant_id').onRef('tags.id', '=', 'ticket_tags.tag_id'))
      .select('ticket_tags.ticket_id')
      .where('ticket_tags.tenant_id', '=', tenantId).where('tags.name', '=', tag));
  }
  return query;
}

/**
 * How many tickets match, counting at most `cap` rows (`count(*)` over a `LIMIT cap`
 * subquery): a view's count costs at most `cap` index entries however many tickets match.
 */
export async function countTicketsUpTo(db: Db, tenantId: string, q: TicketFilterQuery, cap: number): Promise<number> {
  const row = await cappedCount(db, tenantId, q, cap).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The capped count as a query (exported for the test that checks it is answered from an index). */
export function cappedCount(db: Db, tenantId: string, q: TicketFilterQuery, cap: number) {
  const inner = filteredTickets(db, tenantId, q).select(sql<number>`1`.as('one')).limit(cap);
  return db.selectFrom(inner.as('capped')).select((eb) => eb.fn.countAll<number | string>().as('n'));
}

/** One page of tickets in (column, id) order after a keyset cursor: no OFFSET scans. */
export async function queryTicketPage(db: Db, tenantId: string, q: TicketPageQuery): Promise<TicketRow[]> {
  let query = filteredTickets(db, tenantId, q).selectAll('tickets');
  if (q.column === 'sla_due_at') query = query.where('tickets.sla_due_at', 'is not', null);
  if (q.after) {
    const { v, id } = q.after;
    const op = q.desc ? '<' : '>';
    query = query.where((eb) => eb.or([
      eb(`tickets.${q.column}`, op, v),
      eb.and([eb(`tickets.${q.column}`, '=', v), eb('tickets.id', op, id)]),
    ]));
  }
  const dir = q.desc ? 'desc' : 'asc';
  if (q.ids) {
    // A short list of ids is looked up by id and sorted here: asked to sort, SQLite
    // (which keeps no statistics) would rather walk every ticket in date order.
    const rows = await query.execute();
    const sign = q.desc ? -1 : 1;
    const v = (r: TicketRow) => r[q.column] ?? '';
    rows.sort((a, b) => sign * (v(a) < v(b) ? -1 : v(a) > v(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return rows.slice(0, q.limit);
  }
  return query.orderBy(`tickets.${q.column}`, dir).orderBy('tickets.id', dir).limit(q.limit).execute();
}
