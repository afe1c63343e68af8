/**
 * Thrown by a task that cannot run yet — a reply whose parent message is stored but not
 * yet processed, say. The worker puts the job back to run after `delayMs` without
 * counting the attempt, so waiting never exhausts a job's retries.
 */
export class DeferJob extends Error {
  constructor(readonly delayMs: number, reason: string) {
    super(reason);
    this.name = 'DeferJob';
  }
}
