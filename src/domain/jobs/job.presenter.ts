import type { JobRow } from '../../jobs/jobs.repo.ts';

/** A queued job as admins see it: what, its state and its last error, never its payload. */
export function presentJob(j: JobRow) {
  return {
    id: j.id, name: j.name, status: j.status, attempts: j.attempts, max_attempts: j.maxAttempts,
    run_at: j.runAt, last_error: j.lastError, created_at: j.createdAt, updated_at: j.updatedAt,
  };
}
