/**
 * The worker's view of a full disk: which tenants' jobs were released while the storage
 * refused writes, logged once when it starts, and once it is writable again a line in the
 * log and a `system.storage_full` event for each tenant concerned.
 */
import type { Db } from '../db/client.ts';
import { noteStorageError, noteStorageWritable } from '../db/storage-health.ts';
import type { ClaimedJob } from './jobs.repo.ts';
import { recordStorageFullEpisode } from './storage-full-notice.ts';

type Log = (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;

export class StorageWatch {
  /** Tenants whose jobs were released while the storage was full (told once it is writable again). */
  private readonly fullTenants = new Set<string>();

  constructor(private readonly db: Db, private readonly log?: Log) {}

  /** A job's run or record failed on the database: if the storage is full, remember its tenant. */
  noteUnavailable(job: ClaimedJob, err: unknown): void {
    if (!noteStorageError(this.db, err)) return;
    if (this.fullTenants.size === 0) {
      this.log?.('error', 'storage is full: the database cannot write; jobs are released for retry until space is freed', { job: job.id, error: String(err) });
    }
    this.fullTenants.add(job.tenantId ?? '');
  }

  /** A write went through: if the storage had been full, say so once and leave a trace in the event log. */
  writable(): void {
    const episode = noteStorageWritable(this.db);
    if (!episode && this.fullTenants.size === 0) return;
    const tenants = [...this.fullTenants].filter(Boolean);
    this.fullTenants.clear();
    const since = episode?.since ?? new Date().toISOString();
    this.log?.('warn', 'storage is writable again: released jobs resume', { since, error: episode?.error });
    recordStorageFullEpisode(this.db, tenants, { since, until: new Date().toISOString(), error: episode?.error ?? 'disk full' })
      .catch((err: unknown) => this.log?.('warn', 'could not record the storage-full event', { err: String(err) }));
  }
}
