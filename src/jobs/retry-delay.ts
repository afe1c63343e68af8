/** How long the worker waits: before a failed job's next attempt, and between rounds while the database fails. */

/** Exponential backoff for a failed job: 5 s doubling per attempt, at most an hour, with jitter (50–100 %). */
export function retryDelayMs(attempts: number): number {
  const base = Math.min(5000 * 2 ** Math.max(0, attempts - 1), 3600_000);
  return Math.round(base * (0.5 + Math.random() / 2));
}

/** A job whose task failed because the database was unavailable runs again soon, not after the full backoff. */
export function unavailableRetryDelayMs(attempts: number): number {
  return Math.round(Math.min(1000 * 2 ** Math.max(0, attempts - 1), 30_000) * (0.5 + Math.random() / 2));
}

/** The pause before the next round: pollMs when healthy; after failed rounds, doubling up to maxBackoffMs, with jitter so workers do not stampede. */
export function roundPauseMs(pollMs: number, maxBackoffMs: number, failedRounds: number): number {
  if (failedRounds === 0) return pollMs;
  const max = Math.max(pollMs, maxBackoffMs);
  return Math.round(Math.min(pollMs * 2 ** (failedRounds - 1), max) * (0.75 + Math.random() / 4));
}
