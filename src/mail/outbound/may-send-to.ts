/**
 * The one rule on where automatic mail (confirmations, notifications) may go: never to an
 * address that is software (mailer-daemon, no-reply, bounces, list managers) and never to
 * our own queue addresses (a department address of this tenant or of any other tenant on
 * the install), so two mailboxes can never answer each other forever. Both the outbox and
 * the notifications call it.
 */
import type { Db } from '../../db/client.ts';
import { findDeliveryTenants } from '../inbound/delivery-tenants.repo.ts';

const SOFTWARE_LOCAL_PARTS = /^(no-?reply|do-?not-?reply|donotreply|noreply|mailer[-_]?daemon|mail-daemon|maildaemon|postmaster|bounces?|auto-?reply|autoresponder)([@+.-]|$)/i;
const LIST_MANAGER = /^[^@]+-(admin|owner|request|bounces?|ctl)@/i;

export type MaySendVerdict = { ok: true } | { ok: false; reason: string };

/** Whether an address may receive automatic mail from tenantId (a person's reply is not checked). */
export async function maySendTo(db: Db, tenantId: string, address: string): Promise<MaySendVerdict> {
  const addr = address.trim().toLowerCase();
  if (SOFTWARE_LOCAL_PARTS.test(addr) || LIST_MANAGER.test(addr)) return { ok: false, reason: `${addr} is an automatic address (no-reply, mailer-daemon, bounces…)` };
  // The same install-wide lookup direct delivery uses: who owns this queue address.
  const [owner] = await findDeliveryTenants(db, addr);
  if (owner) return { ok: false, reason: `${addr} is one of our own queue addresses${owner === tenantId ? '' : ' (another tenant of this install)'}` };
  return { ok: true };
}

/** The first address of the list that may not receive automatic mail, with why; null when all may. */
export async function firstRefusedRecipient(db: Db, tenantId: string, addresses: readonly string[]): Promise<{ address: string; reason: string } | null> {
  for (const address of addresses) {
    const verdict = await maySendTo(db, tenantId, address);
    if (!verdict.ok) return { address, reason: verdict.reason };
  }
  return null;
}
