import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../runtime.ts';
import { createTestRuntime, type TestRuntime } from '../../test/helpers/test-runtime.ts';
import { deleteExpiredRateLimits } from '../domain/auth/rate-limits.repo.ts';
import { RateLimiter, SharedBackoff, SharedRateLimiter } from './rate-limiter.ts';

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

describe('limits counted in the database', () => {
  let t: TestRuntime;
  /** A second instance on the same database, as behind a load balancer. */
  let other: Runtime;
  beforeAll(async () => {
    t = await createTestRuntime();
    other = await createRuntime(t.config, { log: () => {}, migrate: false });
  });
  afterAll(async () => {
    await other?.close();
    await t?.cleanup();
  });

  it('shares one fixed window between instances', async () => {
    const a = new SharedRateLimiter(t.rt.db, 3, 60_000);
    const b = new SharedRateLimiter(other.db, 3, 60_000);
    const T = 1_000_000;
    expect(await a.hit('w', T)).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 60 });
    expect(await b.hit('w', T + 1000)).toMatchObject({ allowed: true, remaining: 1, resetSeconds: 59 });
    expect(await a.hit('w', T + 2000)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await b.hit('w', T + 3000)).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 57 });
    expect((await a.hit('other-key', T + 3000)).allowed).toBe(true);
    expect(await b.hit('w', T + 60_000)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('never loses a count under concurrent hits', async () => {
    const a = new SharedRateLimiter(t.rt.db, 10, 60_000);
    const b = new SharedRateLimiter(other.db, 10, 60_000);
    const decisions = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).hit('burst')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
  });

  it('backs off exponentially after the free attempts, and a success clears the key', async () => {
    const policy = { free: 3, baseMs: 1000, capMs: 4000, forgetMs: 3600_000 };
    const a = new SharedBackoff(t.rt.db, policy);
    const b = new SharedBackoff(other.db, policy);
    const T = 5_000_000;
    expect(await a.attempt('k', T)).toMatchObject({ allowed: true, limit: 3, remaining: 2 });
    expect(await b.attempt('k', T)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await a.attempt('k', T)).toMatchObject({ allowed: true, remaining: 0 }); // the 3rd: the next waits 1 s
    expect(await b.attempt('k', T + 500)).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 1 });
    expect(await a.attempt('k', T + 1000)).toMatchObject({ allowed: true }); // then 2 s
    expect((await a.attempt('k', T + 2999)).allowed).toBe(false);
    expect((await b.attempt('k', T + 3000)).allowed).toBe(true); // then 4 s, the cap
    expect(await a.attempt('k', T + 3001)).toMatchObject({ allowed: false, resetSeconds: 4 });
    expect((await a.attempt('k', T + 7000)).allowed).toBe(true); // still 4 s: capped
    expect((await a.attempt('k', T + 10_999)).allowed).toBe(false);
    expect((await a.attempt('k', T + 11_000)).allowed).toBe(true);
    await b.succeeded('k');
    expect(await a.attempt('k', T + 11_001)).toMatchObject({ allowed: true, remaining: 2 });
    // Failures are forgotten after forgetMs without attempts.
    for (let i = 0; i < 4; i++) await a.attempt('old', T + i * 10_000);
    expect((await a.attempt('old', T + 30_001)).allowed).toBe(false);
    expect(await a.attempt('old', T + 40_000 + 3600_000)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('lets only the free attempts through a concurrent burst', async () => {
    const policy = { free: 5, baseMs: 60_000, capMs: 60_000, forgetMs: 3600_000 };
    const a = new SharedBackoff(t.rt.db, policy);
    const b = new SharedBackoff(other.db, policy);
    const decisions = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).attempt('burst-backoff')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });

  it('deletes expired rows', async () => {
    const a = new SharedRateLimiter(t.rt.db, 3, 1000);
    await a.hit('short', 1000);
    const count = async () => (await t.rt.db.selectFrom('rate_limits').select('key').where('key', '=', 'short').execute()).length;
    expect(await count()).toBe(1);
    await deleteExpiredRateLimits(t.rt.db, 1999);
    expect(await count()).toBe(1);
    await deleteExpiredRateLimits(t.rt.db, 2000);
    expect(await count()).toBe(0);
  });
});
