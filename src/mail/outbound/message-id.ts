/**
 * Our own Message-IDs: `<{random}.{outbox row id}@{install domain}>`. The random part
 * makes them unguessable, the row id makes them unique, and the domain says which install
 * sent them (replies thread back by it). Made once when the mail is queued and stored on
 * the row, so every retry (even after a crash mid-send) carries the same one.
 */
import { randomBytes } from 'node:crypto';

/** Used when neither PARLEY_BASE_URL nor PARLEY_MAIL_FROM names a real domain. */
export const FALLBACK_MAIL_DOMAIN = 'parley.invalid';

/**
 * The install's Message-ID domain: the host of PARLEY_BASE_URL, unless that is localhost
 * or an IP address; then the domain of the PARLEY_MAIL_FROM address; else parley.invalid.
 */
export function mailDomain(o: { baseUrl?: string; mailFrom?: string }): string {
  const host = o.baseUrl ? safeHost(o.baseUrl) : null;
  if (host && isNamedDomain(host)) return host;
  const from = o.mailFrom?.match(/@([^\s<>@]+?)>?\s*$/)?.[1]?.toLowerCase();
  if (from && isNamedDomain(from)) return from;
  return FALLBACK_MAIL_DOMAIN;
}

export function newMessageId(domain: string, rowId: string): string {
  return `<${randomBytes(9).toString('base64url')}.${rowId}@${domain}>`;
}

function safeHost(url: string): string | null {
  try { return new URL(url).hostname.toLowerCase(); } catch { return null; }
}

function isNamedDomain(host: string): boolean {
  return host.includes('.') && host !== 'localhost' && !host.endsWith('.localhost') && !/^[\d.]+$/.test(host) && !host.includes(':') && /^[a-z0-9.-]+$/.test(host);
}
