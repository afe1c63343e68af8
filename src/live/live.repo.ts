/** What the live stream reads: events after a cursor or by id, and the tickets they concern. */
import type { Db } from '../db/client.ts';
import type { EventRow } from '../domain/events/events.repo.ts';
import type { TicketRow } from '../domain/tickets/tickets.repo.ts';

/** Events after `afterId`, oldest first (the (tenant_id, id) index serves it): replay and catch-up. */
export async function listEventsAfter(db: Db, tenantId: string, afterId: number, limit: number): Promise<EventRow[]> {
  return db.selectFrom('events').selectAll().where('tenant_id', '=', tenantId).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** The events named by a batch of notices, oldest first. */
export async function findEventsByIds(db: Db, tenantId: string, ids: number[]): Promise<EventRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('events').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).orderBy('id').execute();
}

/** The newest event id of a tenant (0 when it has none): where a fresh stream starts. */
export async function findLastEventId(db: Db, tenantId: string): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('max')).where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** The tickets a batch of events concern, loaded once for every stream. */
export async function findTicketsByIds(db: Db, tenantId: string, ids: string[]): Promise<Map<string, TicketRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('tickets').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  return new Map(rows.map((t) => [t.id, t]));
}
