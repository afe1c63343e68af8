/**
 * Reads the maintained ticket counters (migration 028: kept by triggers on `tickets`).
 * The table holds one row per department, assignee, status and shard, a few hundred rows
 * for a large helpdesk, so summing it is cheap whatever the number of tickets.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';

export interface CounterSlice {
  /** An agent limited to departments sees these departments' tickets, or those assigned to them (the ticket policy). */
  visible?: { departmentIds: number[]; orAssigneeId: string };
  /** The `department` filter. */
  departmentId?: number;
  /** Only tickets assigned to this user ('' = unassigned). */
  assigneeId?: string;
}

export interface CounterRow { status: string; assignee_id: string; count: number }

/** The counts per status and assignee within a slice. */
export async function sumTicketCounters(db: Db, tenantId: string, slice: CounterSlice): Promise<CounterRow[]> {
  let q = db.selectFrom('ticket_counters')
    .select(['status', 'assignee_id', sql<number>`SUM(count)`.as('count')])
    .where('tenant_id', '=', tenantId)
    .groupBy(['status', 'assignee_id']);
  const { visible, departmentId, assigneeId } = slice;
  if (visible) {
    const { departmentIds, orAssigneeId } = visible;
    q = q.where((eb) => (departmentIds.length
      ? eb.or([eb('department_id', 'in', departmentIds), eb('assignee_id', '=', orAssigneeId)])
      : eb('assignee_id', '=', orAssigneeId)));
  }
  if (departmentId !== undefined) q = q.where('department_id', '=', departmentId);
  if (assigneeId !== undefined) q = q.where('assignee_id', '=', assigneeId);
  const rows = await q.execute();
  return rows.map((r) => ({ status: r.status, assignee_id: r.assignee_id, count: Number(r.count) }));
}

/**
 * Rebuilds a tenant's counters from its tickets (a repair after, e.g., a restore that copied
 * `ticket_counters` and re-inserted tickets through the triggers). Run it in a transaction.
 */
export async function recountTicketCounters(db: Db, tenantId: string): Promise<void> {
  await db.deleteFrom('ticket_counters').where('tenant_id', '=', tenantId).execute();
  await sql`INSERT INTO ticket_counters (tenant_id, department_id, assignee_id, status, shard, count)
    SELECT tenant_id, department_id, COALESCE(assignee_id, ''), status, 0, COUNT(*) FROM tickets WHERE tenant_id = ${tenantId}
    GROUP BY tenant_id, department_id, COALESCE(assignee_id, ''), status`.execute(db);
}
