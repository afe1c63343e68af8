/**
 * The inactivity sweep's reads and claims on tickets. Reads go through
 * tickets_inactivity_idx (tenant_id, status, last_activity_at): one status at a time, so
 * each batch is one index range in order. Claims are conditional UPDATEs on what the
 * sweep saw: a ticket that changed meanwhile (a reply, another sweep) is not claimed.
 */
import type { Db } from '../../db/client.ts';

export interface IdleTicket {
  id: string;
  number: string;
  status: string;
  last_activity_at: string;
  inactivity_reminded_at: string | null;
}

export interface IdleQuery {
  status: string;
  /** Idle since before this time. */
  before: string;
  /** Only tickets not reminded in their current period of inactivity. */
  unreminded?: boolean;
  /** Keyset cursor: the last row of the previous batch. */
  after?: { at: string; id: string };
  limit: number;
}

/** One batch of the tenant's tickets in `status` whose last activity is older than `before`, oldest first. */
export async function listIdleTickets(db: Db, tenantId: string, q: IdleQuery): Promise<IdleTicket[]> {
  const rows = await idleTicketsQuery(db, tenantId, q).execute();
  // The `before` bound excludes nulls; the type does not know it.
  return rows.filter((r): r is IdleTicket => r.last_activity_at !== null);
}

/** The query of listIdleTickets (exported for the test that checks it reads tickets_inactivity_idx). */
export function idleTicketsQuery(db: Db, tenantId: string, q: IdleQuery) {
  let query = db.selectFrom('tickets')
    .select(['id', 'number', 'status', 'last_activity_at', 'inactivity_reminded_at'])
    .where('tenant_id', '=', tenantId).where('status', '=', q.status)
    .where('last_activity_at', '<', q.before);
  if (q.unreminded) {
    query = query.where((eb) => eb.or([eb('inactivity_reminded_at', 'is', null), eb('inactivity_reminded_at', '<', eb.ref('last_activity_at'))]));
  }
  if (q.after) {
    const { at, id } = q.after;
    query = query.where((eb) => eb.or([eb('last_activity_at', '>', at), eb.and([eb('last_activity_at', '=', at), eb('id', '>', id)])]));
  }
  return query.orderBy('last_activity_at').orderBy('id').limit(q.limit);
}

/**
 * Marks the ticket reminded at `at`, if it is still as the sweep saw it and not reminded in
 * this period. Concurrent sweeps: on PostgreSQL the second UPDATE waits for the first to
 * commit and then no longer matches; SQLite has one writer. True: this caller reminds.
 */
export async function claimReminder(db: Db, tenantId: string, seen: IdleTicket, at: string): Promise<boolean> {
  const r = await db.updateTable('tickets').set({ inactivity_reminded_at: at })
    .where('tenant_id', '=', tenantId).where('id', '=', seen.id)
    .where('status', '=', seen.status).where('last_activity_at', '=', seen.last_activity_at)
    .where((eb) => eb.or([eb('inactivity_reminded_at', 'is', null), eb('inactivity_reminded_at', '<', eb.ref('last_activity_at'))]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Locks the ticket for closing if it is still as the sweep saw it (same status, no activity
 * since): a no-op UPDATE, which takes the row lock on PostgreSQL, so a second sweep waits,
 * then finds the ticket closed and claims nothing. True: this caller closes.
 */
export async function claimClose(db: Db, tenantId: string, seen: IdleTicket): Promise<boolean> {
  const r = await db.updateTable('tickets').set({ last_activity_at: seen.last_activity_at })
    .where('tenant_id', '=', tenantId).where('id', '=', seen.id)
    .where('status', '=', seen.status).where('last_activity_at', '=', seen.last_activity_at)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves the ticket's last activity to `at` (never back): a new period of inactivity starts. */
export async function markTicketActivity(db: Db, tenantId: string, ticketId: string, at: string): Promise<void> {
  await db.updateTable('tickets').set({ last_activity_at: at })
    .where('tenant_id', '=', tenantId).where('id', '=', ticketId)
    .where((eb) => eb.or([eb('last_activity_at', 'is', null), eb('last_activity_at', '<', at)]))
    .execute();
}
