/**
 * Median and p90 on both engines. PostgreSQL has percentile_cont, SQLite has not; both have
 * window functions, so the database ranks the values (per group) and returns only the two
 * rows around each percentile, and the interpolation (percentile_cont's) is done here.
 * Nothing but those few rows leaves the database, however many tickets the period holds.
 */
import { sql, type OperationNodeSource } from 'kysely';
import type { Db } from '../../db/client.ts';

export interface Percentiles { median: number | null; p90: number | null }

/** [percentile, tenths]: the rank arithmetic stays in integers on both engines. */
const WANTED = [['median', 5], ['p90', 9]] as const;

/**
 * Percentiles of `v` per `g` over a query selecting columns `g` (a group key; a constant for
 * one group) and `v` (non-null numbers).
 */
export async function percentilesBy(db: Db, values: OperationNodeSource): Promise<Map<string, Percentiles>> {
  const rows = await sql<{ g: string | number | null; v: number; rn: number; n: number }>`
    SELECT g, v, rn, n FROM (
      SELECT g, v, ROW_NUMBER() OVER (PARTITION BY g ORDER BY v) AS rn, COUNT(*) OVER (PARTITION BY g) AS n
      FROM (${values}) AS vals
    ) AS ranked
    WHERE rn IN (((n - 1) * 5) / 10 + 1, ((n - 1) * 5) / 10 + 2, ((n - 1) * 9) / 10 + 1, ((n - 1) * 9) / 10 + 2)`.execute(db);
  const byGroup = new Map<string, { n: number; at: Map<number, number> }>();
  for (const r of rows.rows) {
    const key = String(r.g);
    const entry = byGroup.get(key) ?? { n: Number(r.n), at: new Map<number, number>() };
    entry.at.set(Number(r.rn), Number(r.v));
    byGroup.set(key, entry);
  }
  const out = new Map<string, Percentiles>();
  for (const [key, { n, at }] of byGroup) {
    const result: Percentiles = { median: null, p90: null };
    for (const [name, tenths] of WANTED) {
      const lo = Math.floor(((n - 1) * tenths) / 10);
      const frac = ((n - 1) * tenths) / 10 - lo;
      const a = at.get(lo + 1)!;
      const b = at.get(lo + 2) ?? a;
      result[name] = round(a + (b - a) * frac);
    }
    out.set(key, result);
  }
  return out;
}

/** Minutes to one decimal: finer is noise for a report. */
export const round = (x: number): number => Math.round(x * 10) / 10;

export const NO_PERCENTILES: Percentiles = Object.freeze({ median: null, p90: null });
