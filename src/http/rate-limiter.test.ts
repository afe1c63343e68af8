import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows the limit per window and per key, then refuses until the window ends', () => {
    const limiter = new RateLimiter(2, 60_000);
    expect(limiter.hit('a', 0)).toMatchObject({ allowed: true, remaining: 1 });
    expect(limiter.hit('a', 10)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.hit('a', 20)).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 60 });
    expect(limiter.hit('b', 20).allowed).toBe(true);
    expect(limiter.hit('a', 60_001).allowed).toBe(true);
  });
});
