import type { Db } from '../../db/client.ts';
import { deleteEndedSignIns } from '../../domain/auth/delete-ended-sign-ins.ts';

/** Deletes expired web sessions, ended token families and expired rate-limit counters (scheduled hourly); all are refused on read already. */
export function cleanupSessionsTask(deps: { db: Db }) {
  return async (): Promise<void> => {
    await deleteEndedSignIns(deps.db);
  };
}
