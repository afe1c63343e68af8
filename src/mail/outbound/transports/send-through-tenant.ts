/**
 * Mail of a tenant that belongs to no ticket (a password reset, an alert to its admins)
 * goes out as the outbox's tenant-scope mail does: the tenant's outgoing mail settings,
 * else SMTP_URL (see select-transport.ts). Like every mail of the tenant it is signed with
 * the tenant's DKIM key, and through an OAuth mailbox it is From that mailbox's account,
 * the only address its provider sends as (as the test mail does).
 */
import type { OutgoingMail } from '../transport.ts';
import { TransportUnavailableError, selectTransport, type SelectDeps, type TransportSource } from './select-transport.ts';
import { tenantDkim } from './tenant-dkim.ts';

/** Neither the tenant's settings nor SMTP_URL name a transport: the mail cannot go out. */
export class NoTransportError extends Error {
  constructor() {
    super('no outgoing mail transport is configured: neither the tenant\'s outgoing mail settings nor SMTP_URL');
  }
}

/**
 * Sends `mail` through the tenant's transport, else the install's, and answers which.
 * Throws NoTransportError without either, TransportUnavailableError when the tenant's
 * cannot be used now (its mailbox must be connected again); with `orInstall` both fall
 * back to the install transport instead (which only logs the mail without SMTP_URL).
 */
export async function sendThroughTenant(deps: SelectDeps, tenantId: string, mail: OutgoingMail, o: { orInstall?: boolean } = {}): Promise<TransportSource> {
  let choice;
  try {
    choice = await selectTransport(deps, tenantId, null);
  } catch (err) {
    if (!(o.orInstall && err instanceof TransportUnavailableError)) throw err;
  }
  if (!choice && !o.orInstall) throw new NoTransportError();
  const transport = choice?.transport ?? deps.mail;
  const dkim = await tenantDkim(deps.db, deps.runtime().secrets, tenantId);
  await transport.send({ ...mail, ...(choice?.account && { from: choice.account }), ...(dkim && { dkim }) });
  return choice?.source ?? 'install';
}
