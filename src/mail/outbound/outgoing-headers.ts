/**
 * The loop-protection headers of our mail. Every mail carries our loop token in X-Loop
 * (the inbound pipeline drops mail that comes back with it: steps/detect-loop.ts);
 * automatic mail also says so (RFC 3834 Auto-Submitted) and asks Exchange/Outlook not to
 * answer it with out-of-office or read receipts (X-Auto-Response-Suppress).
 */
import { loopToken } from '../inbound/steps/detect-loop.ts';

/** `mailDomain`: this install's, as in our Message-IDs. */
export function outgoingHeaders(automatic: boolean, mailDomain: string): Record<string, string> {
  const headers: Record<string, string> = { 'X-Loop': loopToken(mailDomain) };
  if (automatic) {
    headers['Auto-Submitted'] = 'auto-generated';
    headers['X-Auto-Response-Suppress'] = 'All';
  }
  return headers;
}
