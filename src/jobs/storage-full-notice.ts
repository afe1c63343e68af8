/**
 * Leaves a trace of a full-storage episode in the event log of each tenant whose jobs it
 * held back, once the database can write again (while it is full it cannot take a row).
 */
import type { Db } from '../db/client.ts';
import { insertEvent } from '../domain/events/events.repo.ts';

export interface StorageFullEpisode { since: string; until: string; error: string }

/** One `system.storage_full` event per tenant; best effort, the caller only logs a failure. */
export async function recordStorageFullEpisode(db: Db, tenantIds: string[], episode: StorageFullEpisode): Promise<void> {
  for (const tenantId of tenantIds) {
    await insertEvent(db, {
      tenant_id: tenantId, name: 'system.storage_full', subject_type: 'system', subject_id: 'storage',
      actor_id: null, source: 'system', request_id: null,
      payload: JSON.stringify({ since: episode.since, until: episode.until, error: episode.error.slice(0, 500) }),
      created_at: new Date().toISOString(),
    });
  }
}
