/** The sla_policies table and the sla_alerts ledger (migration 020). Tenant first on every call. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { SlaAlertsTable, SlaPoliciesTable } from '../../db/schema.ts';

export type SlaPolicyRow = Selectable<SlaPoliciesTable>;

export async function insertSlaPolicy(db: Db, row: Insertable<SlaPoliciesTable>): Promise<void> {
  await db.insertInto('sla_policies').values(row).execute();
}

export async function findSlaPolicy(db: Db, tenantId: string, id: string): Promise<SlaPolicyRow | undefined> {
  return db.selectFrom('sla_policies').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findSlaPolicyByScope(db: Db, tenantId: string, scopeKey: string): Promise<SlaPolicyRow | undefined> {
  return db.selectFrom('sla_policies').selectAll().where('tenant_id', '=', tenantId).where('scope_key', '=', scopeKey).executeTakeFirst();
}

/** The policies that may apply to a ticket (its organisation's, its department's, the default), any order. */
export async function listSlaPoliciesForScopes(db: Db, tenantId: string, scopeKeys: string[]): Promise<SlaPolicyRow[]> {
  return db.selectFrom('sla_policies').selectAll().where('tenant_id', '=', tenantId).where('scope_key', 'in', scopeKeys).execute();
}

export async function listSlaPolicies(db: Db, tenantId: string): Promise<SlaPolicyRow[]> {
  return db.selectFrom('sla_policies').selectAll().where('tenant_id', '=', tenantId).orderBy('name').orderBy('id').execute();
}

export async function updateSlaPolicyRow(db: Db, tenantId: string, id: string, changes: Updateable<SlaPoliciesTable>): Promise<void> {
  await db.updateTable('sla_policies').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function deleteSlaPolicyRow(db: Db, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('sla_policies').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Records an alert unless it was raised already (by another worker or timer); true when this call raised it. */
export async function claimSlaAlert(db: Db, row: Insertable<SlaAlertsTable>): Promise<boolean> {
  const inserted = await db.insertInto('sla_alerts').values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'ticket_id', 'target', 'kind', 'due_at']).doNothing())
    .returning('ticket_id').execute();
  return inserted.length === 1;
}

/** Tickets of a tenant whose next SLA check is due: the sweep's work, oldest first. */
export async function listTicketsDueForCheck(db: Db, tenantId: string, now: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('tickets').select('id').where('tenant_id', '=', tenantId)
    .where('sla_next_check_at', '<=', now).orderBy('sla_next_check_at').limit(limit).execute();
  return rows.map((r) => r.id);
}
