import type { Db } from '../../db/client.ts';
import { deleteExpiredSessions } from '../../domain/auth/sessions.repo.ts';

/** Deletes expired web sessions (scheduled hourly); they are refused on read already. */
export function cleanupSessionsTask(deps: { db: Db }) {
  return async (): Promise<void> => {
    await deleteExpiredSessions(deps.db);
  };
}
