/**
 * Fixed-window counters in memory, per key. Each instance limits on its own: with N
 * instances behind a balancer the effective limit is up to N times higher, which is
 * acceptable for abuse protection (login limits also slow each attempt by hashing).
 */
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
