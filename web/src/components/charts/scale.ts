/** Axis arithmetic shared by the charts. */

/** A round top for an axis (1, 2, 2.5 or 5 times a power of ten) at or above the largest value; 1 for an empty chart. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Evenly spaced whole-number ticks from 0 to max: as many as fit up to 6 (0, 1, … 5 for a top of 5; 0, 2, … 10 for 10). */
export function ticks(max: number): number[] {
  const count = [5, 4, 3, 2].find((n) => Number.isInteger(max / n)) ?? 1;
  return Array.from({ length: count + 1 }, (_, i) => (max / count) * i);
}

/** Which of n labels to show so that at most `room` fit: every k-th, always the last. */
export function labelEvery(n: number, room: number): (i: number) => boolean {
  const k = Math.max(1, Math.ceil(n / Math.max(1, room)));
  return (i) => i === n - 1 || (i % k === 0 && n - 1 - i >= k / 2);
}
