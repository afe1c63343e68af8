/**
 * A small seeded generator (mulberry32), so two seeding runs with the same ticket count
 * write the same data and benchmark figures can be compared between runs and engines.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A value from a discrete distribution given by relative weights. */
  weighted<T>(table: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table[table.length - 1][0];
  }

  /** A log-normal duration: median `median`, spread `sigma` (natural log units). */
  logNormal(median: number, sigma: number): number {
    const u = 1 - this.next();
    const v = this.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * z);
  }

  hex(bytes: number): string {
    let s = '';
    for (let i = 0; i < bytes; i++) s += this.int(256).toString(16).padStart(2, '0');
    return s;
  }
}

/**
 * Samples ranks 0..n-1 with probability ∝ 1/(rank+1)^s (Zipf's law, as word
 * frequencies in real text follow), by binary search over the cumulative weights.
 */
export class Zipf {
  readonly cumulative: Float64Array;
  readonly probabilities: Float64Array;

  constructor(n: number, s: number) {
    this.cumulative = new Float64Array(n);
    this.probabilities = new Float64Array(n);
    let total = 0;
    for (let r = 0; r < n; r++) total += 1 / (r + 1) ** s;
    let acc = 0;
    for (let r = 0; r < n; r++) {
      this.probabilities[r] = 1 / (r + 1) ** s / total;
      acc += this.probabilities[r];
      this.cumulative[r] = acc;
    }
  }

  sample(rng: Prng): number {
    const x = rng.next() * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
