/**
 * Renders a ticket number from the tenant's format: `TK-{NNNNNN}` → TK-000042,
 * `HD-{YYYY}-{NNNN}` → HD-2026-1001. The sequence is per tenant and never reused;
 * a sequence longer than its placeholder simply grows.
 */
export function formatTicketNumber(format: string, sequence: number, at: Date): string {
  return format
    .replace(/\{YYYY\}/g, String(at.getUTCFullYear()))
    .replace(/\{MM\}/g, String(at.getUTCMonth() + 1).padStart(2, '0'))
    .replace(/\{(N+)\}/g, (_m, n: string) => String(sequence).padStart(n.length, '0'));
}
