/** The record of backups (installation-wide, no tenant): what /readyz and the rotation read. */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { BackupRunsTable } from '../../db/schema.ts';
import { newId, nowIso } from '../shared/clock.ts';

export type BackupRunRow = Selectable<BackupRunsTable>;

/** A run taken by hand (no slot). */
export async function insertManualRun(db: Db): Promise<string> {
  const id = newId();
  await db.insertInto('backup_runs').values({ id, slot: null, trigger: 'manual', status: 'running', location: null, error: null, started_at: nowIso(), finished_at: null }).execute();
  return id;
}

/**
 * Claims a scheduled slot: a new row, or a row left failed or stale (its worker died)
 * by an earlier attempt. Returns the run's id, or null when another worker has it.
 */
export async function claimScheduledRun(db: Db, slot: string, staleBefore: Date): Promise<string | null> {
  const id = newId();
  const inserted = await db.insertInto('backup_runs')
    .values({ id, slot, trigger: 'scheduled', status: 'running', location: null, error: null, started_at: nowIso(), finished_at: null })
    .onConflict((oc) => oc.column('slot').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return id;
  const retaken = await db.updateTable('backup_runs')
    .set({ status: 'running', error: null, started_at: nowIso(), finished_at: null })
    .where('slot', '=', slot)
    .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'running'), eb('started_at', '<', staleBefore.toISOString())])]))
    .returning('id')
    .executeTakeFirst();
  return retaken?.id ?? null;
}

export async function finishRun(db: Db, id: string, outcome: { location: string } | { error: string }): Promise<void> {
  await db.updateTable('backup_runs')
    .set('location' in outcome
      ? { status: 'succeeded', location: outcome.location, finished_at: nowIso() }
      : { status: 'failed', error: outcome.error.slice(0, 2000), finished_at: nowIso() })
    .where('id', '=', id).execute();
}

/** The latest run, and the latest that succeeded (for /readyz and the health page). */
export async function findLatestRuns(db: Db): Promise<{ latest?: BackupRunRow; lastSucceeded?: BackupRunRow }> {
  const latest = await db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').limit(1).executeTakeFirst();
  const lastSucceeded = latest?.status === 'succeeded' ? latest
    : await db.selectFrom('backup_runs').selectAll().where('status', '=', 'succeeded').orderBy('started_at', 'desc').limit(1).executeTakeFirst();
  return { latest, lastSucceeded };
}
