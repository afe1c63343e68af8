/** The triggers and their run log (migration 022). Tenant first on every call. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { TriggerRunsTable, TriggersTable } from '../../db/schema.ts';

export type TriggerRow = Selectable<TriggersTable>;
export type TriggerRunRow = Selectable<TriggerRunsTable>;

export async function insertTrigger(db: Db, row: Insertable<TriggersTable>): Promise<void> {
  await db.insertInto('triggers').values(row).execute();
}

export async function findTrigger(db: Db, tenantId: string, id: string): Promise<TriggerRow | undefined> {
  return db.selectFrom('triggers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** In the order they are evaluated: position, then creation. */
export async function listTriggers(db: Db, tenantId: string): Promise<TriggerRow[]> {
  return db.selectFrom('triggers').selectAll().where('tenant_id', '=', tenantId).orderBy('position').orderBy('id').execute();
}

/** Whether any trigger of the type is active: asked when an event is recorded, before queueing the engine's job. */
export async function hasActiveTrigger(db: Db, tenantId: string, type: string): Promise<boolean> {
  const row = await db.selectFrom('triggers').select('id').where('tenant_id', '=', tenantId).where('type', '=', type)
    .where('is_active', '=', true).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The active triggers of one type, in order (the engine's question for every event). */
export async function listActiveTriggers(db: Db, tenantId: string, type: string): Promise<TriggerRow[]> {
  return db.selectFrom('triggers').selectAll().where('tenant_id', '=', tenantId).where('type', '=', type)
    .where('is_active', '=', true).orderBy('position').orderBy('id').execute();
}

export async function nextTriggerPosition(db: Db, tenantId: string): Promise<number> {
  const row = await db.selectFrom('triggers').select((eb) => eb.fn.max('position').as('max')).where('tenant_id', '=', tenantId).executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export async function updateTriggerRow(db: Db, tenantId: string, id: string, changes: Updateable<TriggersTable>): Promise<void> {
  await db.updateTable('triggers').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function deleteTriggerRow(db: Db, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('trigger_runs').where('tenant_id', '=', tenantId).where('trigger_id', '=', id).execute();
  await db.deleteFrom('triggers').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Writes a run unless one exists for its trigger and event; answers whether this call wrote it (the claim). */
export async function claimTriggerRun(db: Db, row: Insertable<TriggerRunsTable>): Promise<boolean> {
  const inserted = await db.insertInto('trigger_runs').values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'trigger_id', 'event_id']).doNothing()).returning('id').executeTakeFirst();
  return !!inserted;
}

export async function finishTriggerRun(db: Db, tenantId: string, id: string, changes: Updateable<TriggerRunsTable>): Promise<void> {
  await db.updateTable('trigger_runs').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** The results of a run's actions so far, written while it runs (the status stays as it is). */
export async function saveTriggerRunResults(db: Db, tenantId: string, id: string, results: string): Promise<void> {
  await db.updateTable('trigger_runs').set({ results }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** A trigger's log, newest first, a page after `beforeId`. */
export async function listTriggerRuns(db: Db, tenantId: string, triggerId: string, f: { beforeId?: string; limit: number }): Promise<TriggerRunRow[]> {
  let q = db.selectFrom('trigger_runs').selectAll().where('tenant_id', '=', tenantId).where('trigger_id', '=', triggerId);
  if (f.beforeId) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

/**
 * Ends as `failed` with `error` the runs of an event still `running` that started before
 * `startedBefore` (the claim of the job's current attempt): the attempt that wrote them
 * lost its lease or failed before finishing them. Answers the runs it ended.
 */
export async function failInterruptedTriggerRuns(db: Db, tenantId: string, eventId: number, startedBefore: string, error: string): Promise<Array<Pick<TriggerRunRow, 'trigger_id' | 'results'>>> {
  return db.updateTable('trigger_runs').set({ status: 'failed', error })
    .where('tenant_id', '=', tenantId)
    // Through the triggers, so the (tenant, trigger, event) index finds the event's runs.
    .where('trigger_id', 'in', (eb) => eb.selectFrom('triggers').select('id').where('tenant_id', '=', tenantId))
    .where('event_id', '=', eventId).where('status', '=', 'running').where('started_at', '<', startedBefore)
    .returning(['trigger_id', 'results']).execute();
}
