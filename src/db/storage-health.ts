/**
 * Whether the database's storage is full, as the processes sharing one database handle
 * have seen it: a write that failed with "disk full" marks it, the next write that
 * succeeds clears it. /readyz reports it; the worker logs it and releases its jobs.
 */
import type { Db } from './client.ts';
import { isStorageFullError } from './transient-errors.ts';

export interface StorageFull { since: string; error: string }

const state = new WeakMap<Db, StorageFull>();

/** Records `err` if it says the storage is full; true when it did (false for any other error). */
export function noteStorageError(db: Db, err: unknown): boolean {
  if (!isStorageFullError(err)) return false;
  if (!state.has(db)) state.set(db, { since: new Date().toISOString(), error: err instanceof Error ? err.message : String(err) });
  return true;
}

/** A write succeeded: the storage is not full (any more). Returns the episode it ended, if one. */
export function noteStorageWritable(db: Db): StorageFull | undefined {
  const was = state.get(db);
  state.delete(db);
  return was;
}

export function storageFull(db: Db): StorageFull | undefined {
  return state.get(db);
}
