// An RFC 3463 code: class 4 or 5, subject 0-7, detail up to three digits. The
// lookarounds keep version strings and IP addresses (1.2.5.33.0) out.
const CODE = /(?<![\w.:/])([45])\.([0-7])\.(\d{1,3})(?![\d]|\.\d)/g;

/** All status codes in a text, in order of appearance. */
export function findStatusCodes(text: string): string[] {
  return Array.from(text.matchAll(CODE), (m) => `${m[1]}.${m[2]}.${m[3]}`);
}

/** A code that says only "failed" (`5.0.0`) and nothing about why. */
export function isGenericStatus(code: string): boolean {
  return /^\d\.0\.0$/.test(code);
}

/**
 * Picks the most telling code: the first specific one, else the first generic
 * one. `preferred` (e.g. a DSN Status field) wins unless it is generic.
 */
export function pickStatus(preferred: string | null, texts: string[]): string | null {
  if (preferred && !isGenericStatus(preferred)) return preferred;
  const found = texts.flatMap(findStatusCodes);
  return found.find((c) => !isGenericStatus(c)) ?? preferred ?? found[0] ?? null;
}
