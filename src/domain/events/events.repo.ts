/** The event log, which is also the audit log (append-only: the migration forbids UPDATE and DELETE). */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { EventsTable } from '../../db/schema.ts';

export type EventRow = Selectable<EventsTable>;

export interface EventFilter {
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  name?: string;
  /** Recorded at or after this instant (UTC ISO text, as stored). */
  since?: string;
  /** Recorded before this instant (UTC ISO text, as stored). */
  until?: string;
  /** Keyset cursor: only events older than this id. */
  beforeId?: number;
  limit: number;
}

/**
 * Newest first; the (tenant_id, subject_type, subject_id, id) index serves the subject filter.
 * The period compares the bare column (no function around it) with UTC ISO text, which
 * orders like the stored text on SQLite and is cast to timestamptz on PostgreSQL, so an
 * index on created_at could serve it. Today the (tenant_id, id) index is read backwards from
 * the cursor and rows outside the period are passed over until the page is full.
 */
export async function listEvents(db: Db, tenantId: string, f: EventFilter): Promise<EventRow[]> {
  let q = db.selectFrom('events').selectAll().where('tenant_id', '=', tenantId);
  if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.name) q = q.where('name', '=', f.name);
  if (f.since) q = q.where('created_at', '>=', f.since);
  if (f.until) q = q.where('created_at', '<', f.until);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

/** Appends one event (the audit log is append-only: there is no update or delete). */
export async function insertEvent(db: Db, row: Insertable<EventsTable>): Promise<number> {
  const inserted = await db.insertInto('events').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** One event by its id, in its tenant. */
export async function findEvent(db: Db, tenantId: string, id: number): Promise<EventRow | undefined> {
  return db.selectFrom('events').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/**
 * Appends several events in one statement; answers their ids in the order given (each
 * engine numbers the rows of one INSERT in the order of its VALUES, so sorting the ids
 * returned restores that order even when RETURNING itself does not keep it).
 */
export async function insertEvents(db: Db, rows: Array<Insertable<EventsTable>>): Promise<number[]> {
  const ids: number[] = [];
  for (let at = 0; at < rows.length; at += 500) {
    const inserted = await db.insertInto('events').values(rows.slice(at, at + 500)).returning('id').execute();
    ids.push(...inserted.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  return ids;
}
