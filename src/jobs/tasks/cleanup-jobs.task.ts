import type { Db } from '../../db/client.ts';
import { defineTask } from '../define-task.ts';
import { deleteDoneJobs } from '../jobs.repo.ts';
import { slotPayload } from '../schedule.ts';

/** Finished jobs are kept this long for inspection; failed ones stay until an admin acts. */
export const DONE_JOB_TTL_MS = 7 * 24 * 3600_000;

/** Deletes done jobs older than a week (scheduled daily), which keeps the queue table small. */
export const cleanupJobsTask = defineTask({
  name: 'cleanup.jobs',
  payload: slotPayload,
  async run(deps: { db: Db }) {
    await deleteDoneJobs(deps.db, new Date(Date.now() - DONE_JOB_TTL_MS));
  },
});
