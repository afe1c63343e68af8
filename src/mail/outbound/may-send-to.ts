/**
 * The one rule on where automatic mail (confirmations, notifications) may go: never to an
 * address that is software (mailer-daemon, no-reply, bounces, list managers) and never to
 * our own queue addresses (a department address of this tenant or of any other tenant on
 * the install), so two mailboxes can never answer each other forever. Both the outbox and
 * the notifications call it.
 */
import type { Db } from '../../db/client.ts';
import { findQueueAddressOwners } from '../inbound/delivery-tenants.repo.ts';

const SOFTWARE_LOCAL_PARTS = /^(no-?reply|do-?not-?reply|donotreply|noreply|mailer[-_]?daemon|mail-daemon|maildaemon|postmaster|bounces?|auto-?reply|autoresponder)([@+.-]|$)/i;
const LIST_MANAGER = /^[^@]+-(admin|owner|request|bounces?|ctl)@/i;

export type MaySendVerdict = { ok: true } | { ok: false; reason: string };

/** Whether an address may receive automatic mail from tenantId (a person's reply is not checked). */
export async function maySendTo(db: Db, tenantId: string, address: string): Promise<MaySendVerdict> {
  const reason = (await refusedRecipients(db, tenantId, [address])).get(address.trim().toLowerCase());
  return reason === undefined ? { ok: true } : { ok: false, reason };
}

/** The first address of the list that may not receive automatic mail, with why; null when all may. */
export async function firstRefusedRecipient(db: Db, tenantId: string, addresses: readonly string[]): Promise<{ address: string; reason: string } | null> {
  const refused = await refusedRecipients(db, tenantId, addresses);
  for (const address of addresses) {
    const reason = refused.get(address.trim().toLowerCase());
    if (reason !== undefined) return { address, reason };
  }
  return null;
}

/**
 * Why each of these addresses may not receive automatic mail from tenantId, keyed by the
 * address trimmed and lower-cased; an address absent from the map may. One query however
 * many addresses: the install-wide lookup direct delivery uses (who owns a queue address).
 */
export async function refusedRecipients(db: Db, tenantId: string, addresses: readonly string[]): Promise<Map<string, string>> {
  const refused = new Map<string, string>();
  const rest: string[] = [];
  for (const address of addresses) {
    const addr = address.trim().toLowerCase();
    if (SOFTWARE_LOCAL_PARTS.test(addr) || LIST_MANAGER.test(addr)) refused.set(addr, `${addr} is an automatic address (no-reply, mailer-daemon, bounces…)`);
    else rest.push(addr);
  }
  for (const [addr, owner] of await findQueueAddressOwners(db, rest)) {
    refused.set(addr, `${addr} is one of our own queue addresses${owner === tenantId ? '' : ' (another tenant of this install)'}`);
  }
  return refused;
}
