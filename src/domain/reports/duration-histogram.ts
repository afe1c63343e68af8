/**
 * Durations as the rollup keeps them (migration 030): per bucket 2% wide, a count and the sum
 * in ms. Histograms of many rollup rows add up; a percentile is read as percentile_cont would
 * compute it over the values, each value taken as the mean of its bucket. So it is exact when
 * the two ranks it interpolates between sit in buckets holding one distinct value each, and
 * within 2% of the exact figure otherwise (docs/reports.md).
 */
import { NO_PERCENTILES, round, type Percentiles } from './percentiles.ts';

/** bucket → [count, sum of ms]. */
export type Histogram = Map<number, [number, number]>;

/** A JSON column as read: an object on PostgreSQL (jsonb), text on SQLite. */
function parse(json: unknown): Record<string, number | string> {
  if (typeof json === 'string') return JSON.parse(json) as Record<string, number | string>;
  return (json ?? {}) as Record<string, number | string>;
}

/** Adds one rollup row's histogram (counts and sums) into `into`. */
export function addHistogram(into: Histogram, counts: unknown, sums: unknown): void {
  const n = parse(counts);
  const s = parse(sums);
  for (const [k, c] of Object.entries(n)) {
    const b = Number(k);
    const cur = into.get(b) ?? [0, 0];
    cur[0] += Number(c);
    cur[1] += Number(s[k] ?? 0);
    into.set(b, cur);
  }
}

/** Median and p90 in minutes (one decimal), as percentiles.ts gives them from the tickets. */
export function histogramPercentiles(h: Histogram | undefined): Percentiles {
  if (!h) return NO_PERCENTILES;
  const buckets = [...h.entries()].filter(([, [n]]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, [n]]) => sum + n, 0);
  if (total === 0) return NO_PERCENTILES;
  /** The value of the k-th smallest duration (1-based), in minutes. */
  const at = (k: number): number => {
    let seen = 0;
    for (const [, [n, sum]] of buckets) {
      seen += n;
      if (seen >= k) return sum / n / 60_000;
    }
    const [, [n, sum]] = buckets[buckets.length - 1];
    return sum / n / 60_000;
  };
  const pick = (tenths: number) => {
    const lo = Math.floor(((total - 1) * tenths) / 10);
    const frac = ((total - 1) * tenths) / 10 - lo;
    const a = at(lo + 1);
    const b = lo + 2 <= total ? at(lo + 2) : a;
    return round(a + (b - a) * frac);
  };
  return { median: pick(5), p90: pick(9) };
}
