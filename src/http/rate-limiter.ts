/**
 * Rate limits. `RateLimiter` counts fixed windows in this process's memory (the API's
 * per-credential limit: N instances allow up to N times as much, fine against runaway
 * clients). `SharedRateLimiter` and `SharedBackoff` count in the database, so sign-in,
 * password-reset and registration limits hold across every instance on PostgreSQL.
 */
import type { Db } from '../db/client.ts';
import { chargeBackoffAttempt, clearRateLimit, hitRateWindow, type BackoffPolicy } from '../domain/auth/rate-limits.repo.ts';

export interface RateDecision { allowed: boolean; limit: number; remaining: number; resetSeconds: number }

export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private sweepAt = 0;

  constructor(readonly limit: number, readonly windowMs: number) {}

  hit(key: string, now = Date.now()): RateDecision {
    if (now > this.sweepAt) this.sweep(now);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    const resetSeconds = Math.max(1, Math.ceil((w.resetAt - now) / 1000));
    return { allowed: w.count <= this.limit, limit: this.limit, remaining: Math.max(0, this.limit - w.count), resetSeconds };
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
    this.sweepAt = now + this.windowMs;
  }
}

/** A fixed window per key, counted in the database. */
export class SharedRateLimiter {
  constructor(private readonly db: Db, readonly limit: number, readonly windowMs: number) {}

  async hit(key: string, now = Date.now()): Promise<RateDecision> {
    const { hits, resetAt } = await hitRateWindow(this.db, key, this.windowMs, now);
    const resetSeconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
    return { allowed: hits <= this.limit, limit: this.limit, remaining: Math.max(0, this.limit - hits), resetSeconds };
  }
}

/**
 * Exponential backoff on consecutive failures per key, counted in the database: each
 * attempt is charged before it is checked (so a burst cannot slip past), a success
 * clears the key. `limit`/`remaining` report the free attempts left.
 */
export class SharedBackoff {
  constructor(private readonly db: Db, readonly policy: BackoffPolicy) {}

  async attempt(key: string, now = Date.now()): Promise<RateDecision> {
    const a = await chargeBackoffAttempt(this.db, key, this.policy, now);
    const wait = Math.max(0, a.blockedUntil - now);
    return {
      allowed: a.allowed, limit: this.policy.free,
      remaining: a.allowed ? Math.max(0, this.policy.free - a.failures) : 0,
      resetSeconds: Math.max(1, Math.ceil(wait / 1000)),
    };
  }

  async succeeded(key: string): Promise<void> {
    await clearRateLimit(this.db, key);
  }
}
