import type { JobSummary } from '../../jobs/jobs.repo.ts';

/** A queued job as admins see it: what, its state and its last error, never its payload. */
export function presentJob(j: JobSummary) {
  return {
    id: Number(j.id), name: j.name, status: j.status, attempts: j.attempts, max_attempts: j.max_attempts,
    run_at: j.run_at, last_error: j.last_error, created_at: j.created_at, updated_at: j.updated_at,
  };
}
