/**
 * Runs queued jobs after commit: claims due jobs, runs their task, marks them done, or
 * schedules a retry with exponential backoff until max_attempts, then leaves them
 * `failed` for an admin to see. Tasks must be idempotent: delivery is at least once.
 */
import { hostname } from 'node:os';
import type { Db } from '../db/client.ts';
import type { Dialect } from '../db/dialect.ts';
import { DeferJob } from './defer-job.ts';
import { claimJobs, completeJob, deferJob, failJob, type ClaimedJob } from './jobs.repo.ts';

export type Task = (job: ClaimedJob) => Promise<void>;

export interface WorkerOptions {
  db: Db;
  dialect: Dialect;
  tasks: Readonly<Record<string, Task>>;
  workerId?: string;
  /** Jobs claimed per round. */
  batchSize?: number;
  pollMs?: number;
  /** How long a claimed job is ours before another worker may take it over. */
  leaseMs?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;
}

export function retryDelayMs(attempts: number): number {
  const base = Math.min(5000 * 2 ** Math.max(0, attempts - 1), 3600_000);
  return Math.round(base * (0.5 + Math.random() / 2));
}

export class Worker {
  readonly id: string;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = true;
  private again = false;
  private idle: Promise<void> = Promise.resolve();

  constructor(private readonly o: WorkerOptions) {
    this.id = o.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  }

  /** Whether this worker can run jobs of that name. */
  hasTask(name: string): boolean {
    return Object.hasOwn(this.o.tasks, name);
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Looks for work now instead of at the next poll (called after a commit that enqueued jobs). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) { this.again = true; return; }
    if (this.timer) clearTimeout(this.timer);
    this.idle = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle;
  }

  /** Claims and runs one batch; resolves to how many jobs were claimed. */
  async runOnce(): Promise<number> {
    const leaseMs = this.o.leaseMs ?? 5 * 60_000;
    const leaseEnds = Date.now() + leaseMs;
    const jobs = await claimJobs(this.o.db, this.o.dialect, this.id, this.o.batchSize ?? 10, leaseMs);
    for (const job of jobs) {
      // A slow batch can outlive the lease of its last jobs, which another worker may
      // have claimed by now: leave them to be claimed again rather than run them twice.
      if (Date.now() >= leaseEnds) break;
      await this.run(job);
    }
    return jobs.length;
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        while (!this.stopped && (await this.runOnce()) > 0) { /* drain */ }
      } while (this.again && !this.stopped);
    } catch (err) {
      this.o.log?.('error', 'job worker round failed', { err: String(err) });
    } finally {
      this.running = false;
      if (!this.stopped) this.timer = setTimeout(() => this.wake(), this.o.pollMs ?? 1000);
    }
  }

  private async run(job: ClaimedJob): Promise<void> {
    const task: Task | undefined = this.o.tasks[job.name];
    try {
      if (!task) throw new Error(`no task is registered under "${job.name}"`);
      await task(job);
      await completeJob(this.o.db, job.id, this.id);
    } catch (err) {
      if (err instanceof DeferJob) {
        await deferJob(this.o.db, job.id, this.id, new Date(Date.now() + err.delayMs), err.message);
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      const retryAt = task !== undefined && job.attempts < job.maxAttempts ? new Date(Date.now() + retryDelayMs(job.attempts)) : null;
      this.o.log?.(retryAt ? 'warn' : 'error', 'job failed', { job: job.id, name: job.name, attempts: job.attempts, error: message });
      await failJob(this.o.db, job.id, this.id, message, retryAt);
    }
  }
}
