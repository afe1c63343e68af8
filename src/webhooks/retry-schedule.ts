/**
 * When a failed webhook message is tried again (docs/webhooks.md): after 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h and 10 h — eight attempts over about 27 hours — each delay with
 * ±10 % jitter, so receivers coming back are not hit by every sender at once. After the
 * last, the message is failed and the webhook is turned off (admins are told).
 */
export const RETRY_DELAYS_MS: readonly number[] = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

/** The delay before attempt number `attempts + 1`, or null when `attempts` were the last. */
export function nextRetryDelay(attempts: number, delays: readonly number[] = RETRY_DELAYS_MS): number | null {
  const base = delays[attempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (0.9 + Math.random() * 0.2));
}
