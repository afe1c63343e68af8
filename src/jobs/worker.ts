/**
 * Runs queued jobs after commit: claims due jobs, runs their task, marks them done, or
 * schedules a retry with exponential backoff until max_attempts, then leaves them
 * `failed` for an admin to see. Tasks must be idempotent: delivery is at least once.
 * The pieces: retry-delay.ts (backoff), job-outcome.ts (what a run decided, written
 * back), dead-workers.ts (leases of killed processes), storage-watch.ts (a full disk).
 */
import { hostname } from 'node:os';
import type { Db } from '../db/client.ts';
import type { Dialect } from '../db/dialect.ts';
import { noteStorageError } from '../db/storage-health.ts';
import { isTransientDatabaseError } from '../db/transient-errors.ts';
import { releaseJobsOfDeadWorkers } from './dead-workers.ts';
import type { Foreground } from './foreground.ts';
import { outcomeOfError, recordOutcome, type Outcome } from './job-outcome.ts';
import { claimJobs, completeJobs, type ClaimedJob } from './jobs.repo.ts';
import { roundPauseMs } from './retry-delay.ts';
import { StorageWatch } from './storage-watch.ts';

export { retryDelayMs, unavailableRetryDelayMs } from './retry-delay.ts';

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
  /** Longest pause between rounds while the database keeps failing (backoff from pollMs). */
  maxBackoffMs?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;
  /** The requests of the web server sharing this process, which go first (foreground.ts). */
  foreground?: Foreground;
}

export class Worker {
  readonly id: string;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = true;
  private again = false;
  private idle: Promise<void> = Promise.resolve();
  /** Failed rounds in a row: the pause before the next grows with them. */
  private failedRounds = 0;
  /** Outcomes the database could not take (it went away): recorded before any new claim. */
  private readonly unsettled = new Map<number, Outcome>();
  private readonly storage: StorageWatch;
  /** How long the last job took: the turn requests are owed before the next (giveRequestsTheirTurn). */
  private lastJobMs = 0;
  private endPause: (() => void) | null = null;
  /** Whether jobs left running by dead processes of this host were looked for since start. */
  private deadLooked = false;

  constructor(private readonly o: WorkerOptions) {
    this.id = o.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.storage = new StorageWatch(o.db, o.log);
  }

  /** Whether this worker can run jobs of that name. */
  hasTask(name: string): boolean {
    return Object.hasOwn(this.o.tasks, name);
  }

  start(): void {
    this.stopped = false;
    this.deadLooked = false;
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
    this.endPause?.();
    await this.idle;
    // Last chance to record what is still unsettled; failing that, the leases expire.
    await this.settle().catch(() => {});
  }

  /** Claims and runs one batch; resolves to how many jobs were claimed. */
  async runOnce(): Promise<number> {
    await this.settle();
    if (!this.deadLooked) {
      // A worker of this host killed with -9 (restarted as this one, say): its jobs need not wait out their lease.
      const released = await releaseJobsOfDeadWorkers(this.o.db);
      if (released > 0) this.o.log?.('warn', 'jobs of a dead worker process released', { jobs: released });
      this.deadLooked = true;
    }
    // The turn owed for the last job of the previous batch: taken before claiming, so that no claimed job waits for it.
    await this.giveRequestsTheirTurn(this.lastJobMs);
    this.lastJobMs = 0;
    const leaseMs = this.o.leaseMs ?? 5 * 60_000;
    const leaseEnds = Date.now() + leaseMs;
    const jobs = await claimJobs(this.o.db, this.o.dialect, this.id, this.o.batchSize ?? 10, leaseMs);
    for (const [i, job] of jobs.entries()) {
      // A slow batch can outlive the lease of its last jobs, which another worker may
      // have claimed by now: leave them to be claimed again rather than run them twice.
      if (Date.now() >= leaseEnds) break;
      await this.giveRequestsTheirTurn(this.lastJobMs);
      const started = performance.now();
      const unavailable = await this.run(job);
      if (unavailable) {
        // The database went away: hand the rest of the batch back now, not after the lease.
        for (const rest of jobs.slice(i + 1)) this.unsettled.set(rest.id, { kind: 'deferred', runAt: new Date(), reason: 'the database was unavailable', unavailable: true });
        await this.settle();
        throw unavailable;
      }
      this.lastJobMs = performance.now() - started;
    }
    await this.settle();
    return jobs.length;
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        while (!this.stopped && (await this.runOnce()) > 0) { /* drain */ }
      } while (this.again && !this.stopped);
      if (this.failedRounds > 0) this.o.log?.('info', 'job worker resumed', { failedRounds: this.failedRounds });
      this.failedRounds = 0;
    } catch (err) {
      this.failedRounds++;
      if (noteStorageError(this.o.db, err) && this.failedRounds === 1) this.o.log?.('error', 'storage is full: the database cannot write; jobs wait until space is freed', { err: String(err) });
      // Logged on the first failure and then at 2, 4, 8… in a row: an outage is not a flood of lines.
      if ((this.failedRounds & (this.failedRounds - 1)) === 0) {
        this.o.log?.('error', 'job worker round failed', { err: String(err), failedRounds: this.failedRounds, unsettled: this.unsettled.size });
      }
    } finally {
      this.running = false;
      if (!this.stopped) this.timer = setTimeout(() => this.wake(), roundPauseMs(this.o.pollMs ?? 1000, this.o.maxBackoffMs ?? 10_000, this.failedRounds));
    }
  }

  /**
   * Lets the event loop take what came in meanwhile, and while requests of this process are
   * in flight pauses so that jobs take only their share of the time. Without the first, a
   * backlog drained on SQLite (whose queries settle as microtasks, never waiting on I/O)
   * would hold the event loop for the whole drain: no request read, however long it took.
   */
  private async giveRequestsTheirTurn(jobMs: number): Promise<void> {
    if (jobMs === 0) return;
    const pauseMs = this.o.foreground?.pauseAfter(jobMs) ?? 0;
    if (pauseMs === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      return;
    }
    // stop() cuts the pause short.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pauseMs);
      this.endPause = () => { clearTimeout(timer); resolve(); };
    });
    this.endPause = null;
  }

  /** Runs one job and records its outcome; returns the error when the database was unavailable. */
  private async run(job: ClaimedJob): Promise<Error | null> {
    const task: Task | undefined = this.o.tasks[job.name];
    let outcome: Outcome;
    let unavailable: Error | null = null;
    try {
      if (!task) throw new Error(`no task is registered under "${job.name}"`);
      await task(job);
      outcome = { kind: 'done' };
    } catch (err) {
      outcome = outcomeOfError(job, task !== undefined, err);
      if (outcome.unavailable) {
        unavailable = err instanceof Error ? err : new Error(String(err));
        this.storage.noteUnavailable(job, err);
      } else if (outcome.kind === 'failed') {
        this.o.log?.(outcome.retryAt ? 'warn' : 'error', 'job failed', { job: job.id, name: job.name, attempts: job.attempts, error: outcome.error });
      }
    }
    this.unsettled.set(job.id, outcome);
    // A job done is recorded with the rest of its batch (runOnce), in one write: until then it
    // stays ours under its lease, and a crash runs it again, which tasks allow (at least once).
    if (outcome.kind === 'done') return null;
    try {
      await this.settle();
    } catch (err) {
      if (!isTransientDatabaseError(err)) throw err;
      this.storage.noteUnavailable(job, err);
      unavailable ??= err instanceof Error ? err : new Error(String(err));
    }
    return unavailable;
  }

  /** Records every unsettled outcome (the jobs done at once, then the others oldest first); throws (keeping the rest) if the database still refuses. */
  private async settle(): Promise<void> {
    const done = [...this.unsettled].filter(([, o]) => o.kind === 'done' && !o.unavailable).map(([id]) => id);
    if (done.length > 0) {
      await completeJobs(this.o.db, done, this.id);
      for (const id of done) this.unsettled.delete(id);
      this.storage.writable();
    }
    for (const [id, outcome] of this.unsettled) {
      await recordOutcome(this.o.db, this.id, id, outcome);
      this.unsettled.delete(id);
      if (!outcome.unavailable) this.storage.writable();
    }
  }
}
