import type { ParsedMail } from '../parse/parsed-mail.ts';

/**
 * Whether a receiving server the admin trusts says the From domain failed DMARC.
 * Authentication-Results headers from any other authserv-id are ignored: anyone can
 * write one into a message they send.
 */
export function dmarcFailed(mail: ParsedMail, trustedAuthservIds: string[]): boolean {
  const trusted = new Set(trustedAuthservIds.map((id) => id.toLowerCase()));
  for (const value of mail.headers.get('authentication-results') ?? []) {
    const authserv = value.split(';')[0].trim().split(/\s+/)[0]?.toLowerCase();
    if (!authserv || !trusted.has(authserv)) continue;
    if (/(^|[;\s])dmarc\s*=\s*(fail|permerror)\b/i.test(value)) return true;
  }
  return false;
}
