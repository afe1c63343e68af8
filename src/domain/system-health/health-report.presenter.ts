/** The health report as /readyz and GET /tickets/api/system-health/ answer it: figures, and ages in seconds. */
import type { BackupRunRow } from '../backup/backup-runs.repo.ts';
import type { HealthFigures } from './health-figures.repo.ts';

const ageOf = (iso: string | null, now: Date): number | null => (iso === null ? null : Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000)));

export function presentHealthFigures(f: HealthFigures, now: Date) {
  return {
    jobs: { due: f.jobs.due, oldest_due_at: f.jobs.oldest_due_at, oldest_due_age_seconds: ageOf(f.jobs.oldest_due_at, now), failed: f.jobs.failed },
    outbound_mail: {
      undelivered: f.outbound_mail.undelivered,
      oldest_undelivered_at: f.outbound_mail.oldest_undelivered_at,
      oldest_undelivered_age_seconds: ageOf(f.outbound_mail.oldest_undelivered_at, now),
    },
    mailboxes: { needs_reauth: f.mailboxes.needs_reauth },
  };
}

/** The last backup of the installation (installation-wide: only /readyz and the CLI show it). */
export function presentBackupStatus(runs: { latest?: BackupRunRow; lastSucceeded?: BackupRunRow }, now: Date) {
  return {
    last_status: runs.latest?.status ?? null,
    last_started_at: runs.latest?.started_at ?? null,
    last_error: runs.latest?.status === 'failed' ? runs.latest.error : null,
    last_succeeded_at: runs.lastSucceeded?.finished_at ?? null,
    last_succeeded_age_seconds: ageOf(runs.lastSucceeded?.finished_at ?? null, now),
  };
}
