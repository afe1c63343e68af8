import type { MessageRow } from '../../../domain/tickets/messages.repo.ts';

/**
 * Whether a stored mail was sent by software (RFC 3834 Auto-Submitted, bulk Precedence, a
 * mailing list): such a sender never gets an automatic answer (an admin may still have
 * accepted the mail as a ticket).
 */
export function cameFromSoftware(m: MessageRow | undefined): boolean {
  if (!m?.email_headers) return false;
  let h: Record<string, string>;
  try { h = JSON.parse(m.email_headers) as Record<string, string>; } catch { return false; }
  const auto = h['auto-submitted']?.trim().toLowerCase();
  if (auto && auto !== 'no') return true;
  if (/^(bulk|junk|list|auto_reply)$/i.test(h.precedence?.trim() ?? '')) return true;
  return Boolean(h['list-id']);
}
