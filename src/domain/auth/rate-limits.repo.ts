/**
 * Rate-limit counters shared by every instance on one database. Each call is one atomic
 * upsert (INSERT … ON CONFLICT DO UPDATE … RETURNING), so concurrent requests on several
 * instances never lose a count. Times are epoch milliseconds; a row past its expires_at
 * counts as absent and is deleted by the hourly cleanup.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';

const ms = (n: number) => sql<number>`cast(${Math.round(n)} as bigint)`;

/** Counts a hit in a fixed window of `windowMs`; answers the hits so far and the window's end. */
export async function hitRateWindow(db: Db, key: string, windowMs: number, now = Date.now()): Promise<{ hits: number; resetAt: number }> {
  const ended = sql<boolean>`rate_limits.reset_at <= ${ms(now)}`;
  const row = await db.insertInto('rate_limits')
    .values({ key, hits: 1, reset_at: now + windowMs, expires_at: now + windowMs })
    .onConflict((oc) => oc.column('key').doUpdateSet({
      hits: sql`case when ${ended} then 1 else rate_limits.hits + 1 end`,
      reset_at: sql`case when ${ended} then ${ms(now + windowMs)} else rate_limits.reset_at end`,
      expires_at: sql`case when ${ended} then ${ms(now + windowMs)} else rate_limits.reset_at end`,
    }))
    .returning(['hits', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), resetAt: Number(row.reset_at) };
}

export interface BackoffPolicy { free: number; baseMs: number; capMs: number; forgetMs: number }
export interface BackoffAttempt { allowed: boolean; failures: number; blockedUntil: number }

/**
 * Charges one attempt against an exponential backoff before the attempt is checked: the
 * first `free` attempts pass at once, then each waits base, 2×base, 4×base … up to cap
 * after the one before. An attempt made while blocked is refused and changes nothing.
 * A success should clear the key; `forgetMs` without attempts forgets the failures.
 */
export async function chargeBackoffAttempt(db: Db, key: string, p: BackoffPolicy, now = Date.now()): Promise<BackoffAttempt> {
  const firstDelay = p.free <= 1 ? p.baseMs : 0;
  const fresh = sql<boolean>`rate_limits.expires_at <= ${ms(now)}`;
  const blocked = sql<boolean>`rate_limits.reset_at > ${ms(now)}`;
  const delay = sql<number>`case when rate_limits.hits + 1 < ${p.free} then 0 when rate_limits.delay_ms = 0 then ${p.baseMs}
    when rate_limits.delay_ms * 2 > ${p.capMs} then ${p.capMs} else rate_limits.delay_ms * 2 end`;
  // Every expression of SET reads the row as it was, on SQLite as on PostgreSQL.
  const row = await db.insertInto('rate_limits')
    .values({ key, hits: 1, delay_ms: firstDelay, reset_at: now + firstDelay, expires_at: now + firstDelay + p.forgetMs, last_refused: 0 })
    .onConflict((oc) => oc.column('key').doUpdateSet({
      hits: sql`case when ${fresh} then 1 when ${blocked} then rate_limits.hits else rate_limits.hits + 1 end`,
      delay_ms: sql`case when ${fresh} then ${firstDelay} when ${blocked} then rate_limits.delay_ms else ${delay} end`,
      reset_at: sql`case when ${fresh} then ${ms(now + firstDelay)} when ${blocked} then rate_limits.reset_at else ${ms(now)} + ${delay} end`,
      expires_at: sql`case when ${fresh} then ${ms(now + firstDelay + p.forgetMs)} when ${blocked} then rate_limits.expires_at
        else ${ms(now + p.forgetMs)} + ${delay} end`,
      last_refused: sql`case when ${fresh} then 0 when ${blocked} then 1 else 0 end`,
    }))
    .returning(['hits', 'reset_at', 'last_refused'])
    .executeTakeFirstOrThrow();
  return { allowed: Number(row.last_refused) === 0, failures: Number(row.hits), blockedUntil: Number(row.reset_at) };
}

export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

export async function deleteExpiredRateLimits(db: Db, now = Date.now()): Promise<number> {
  const r = await db.deleteFrom('rate_limits').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
