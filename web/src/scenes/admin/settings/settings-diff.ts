/** Which settings a section changed: only those are sent (the server records each change in the audit log). */

/** JSON with object keys sorted, so two equal values compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The keys among `keys` whose draft differs from the saved value, with their draft values. */
export function changedSettings<K extends string>(saved: Readonly<Record<K, unknown>>, draft: Readonly<Record<K, unknown>>, keys: readonly K[]): Partial<Record<K, unknown>> {
  const out: Partial<Record<K, unknown>> = {};
  for (const key of keys) if (stableJson(saved[key]) !== stableJson(draft[key])) out[key] = draft[key];
  return out;
}

/** Bytes shown as megabytes (at most one decimal) and back to whole bytes. */
export const bytesToMegabytes = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
export const megabytesToBytes = (mb: number): number => Math.round(mb * 1024 * 1024);
