/**
 * Who goes first when the job worker shares the event loop with the web server (`parley
 * serve`, the default): requests. While requests are in flight, the worker pauses after
 * each job for long enough that jobs take at most `share` of the time (a quarter by
 * default); with none in flight it runs flat out. So a burst of API calls is answered at
 * near the rate the server manages without jobs, the work it causes (notification mail,
 * SLA timers, webhooks) trails by seconds and catches up after, and under a flood the
 * jobs still move at their share, never starved. A `parley worker` process has no
 * requests and never pauses.
 */
export interface ForegroundOptions {
  /** The share of time jobs may take while requests are in flight, 0 < share ≤ 1. */
  share?: number;
  /** The longest pause after one job, however long it took. */
  maxPauseMs?: number;
  /** How long after a request ends the server still counts as busy (the next one is often on its way). */
  lingerMs?: number;
}

export class Foreground {
  private inFlight = 0;
  private lastLeftAt = -Infinity;
  readonly share: number;
  readonly maxPauseMs: number;
  readonly lingerMs: number;

  constructor(o: ForegroundOptions = {}) {
    this.share = Math.min(1, Math.max(0.01, o.share ?? 0.25));
    this.maxPauseMs = o.maxPauseMs ?? 250;
    this.lingerMs = o.lingerMs ?? 100;
  }

  /** A request has begun; call what it returns when it ends (once; later calls do nothing). */
  enter(): () => void {
    this.inFlight++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.inFlight--;
      this.lastLeftAt = performance.now();
    };
  }

  /** A request is in flight, or one ended moments ago: under load the next is already on the wire, not yet read. */
  get busy(): boolean {
    return this.inFlight > 0 || performance.now() - this.lastLeftAt < this.lingerMs;
  }

  /** How long the worker should pause after a job that took `jobMs` (0 when nothing is in flight). */
  pauseAfter(jobMs: number): number {
    if (!this.busy || this.share >= 1) return 0;
    return Math.min(this.maxPauseMs, (jobMs * (1 - this.share)) / this.share);
  }
}
