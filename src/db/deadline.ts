/**
 * A deadline on work that waits for the database: past it the caller stops waiting and
 * answers a temporary failure (503, 451, exit 75) instead of hanging with a frozen server.
 * The work itself is not cancelled; its own query timeouts end it later.
 */
export class DeadlineError extends Error {
  readonly code = 'PARLEY_DEADLINE';
  constructor(readonly what: string, readonly ms: number) {
    super(`${what} did not finish within ${ms} ms`);
    this.name = 'DeadlineError';
  }
}

/** Resolves like `work`, or rejects with DeadlineError after `ms`; the timer never keeps the process alive. */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(what, ms)), ms);
    timer.unref();
  });
  // A late rejection of the abandoned work must not become an unhandled rejection.
  work.catch(() => {});
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
