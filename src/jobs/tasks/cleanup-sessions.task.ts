import type { Db } from '../../db/client.ts';
import { deleteEndedSignIns } from '../../domain/auth/delete-ended-sign-ins.ts';
import { defineTask } from '../define-task.ts';
import { slotPayload } from '../schedule.ts';

/** Deletes expired web sessions, ended token families and expired rate-limit counters (scheduled hourly); all are refused on read already. */
export const cleanupSessionsTask = defineTask({
  name: 'cleanup.sessions',
  payload: slotPayload,
  async run(deps: { db: Db }) {
    await deleteEndedSignIns(deps.db);
  },
});
