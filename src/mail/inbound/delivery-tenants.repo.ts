import type { Db } from '../../db/client.ts';

/**
 * The tenant that has this address as a department queue address (seed 001: mail to
 * no queue is not treated), as a list of at most one. This is the one query that
 * deliberately reads across tenants: mail delivered directly (LMTP/SMTP, mailgate)
 * arrives with nothing but its recipient address, and that address is what tells whose
 * mail it is. A queue address belongs to one tenant (a unique index since migration
 * 004), so one address never delivers into two tenants; taking the first by tenant id keeps
 * that true even on a database whose index is missing. It returns only tenant ids; everything after it
 * runs inside one tenant.
 */
export async function findDeliveryTenants(db: Db, recipient: string): Promise<string[]> {
  const [owner] = (await findQueueAddressOwners(db, [recipient])).values();
  return owner ? [owner] : [];
}

/**
 * Which of these addresses are a department's queue address, and whose (the first by
 * tenant id), in one query for many: direct delivery asks for one recipient, the outbox for
 * every recipient of a batch of automatic mail at once.
 */
export async function findQueueAddressOwners(db: Db, addresses: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter(Boolean))];
  const owners = new Map<string, string>();
  for (let at = 0; at < wanted.length; at += 500) {
    const rows = await db.selectFrom('department_addresses').select(['address', 'tenant_id'])
      .where('address', 'in', wanted.slice(at, at + 500)).orderBy('tenant_id').execute();
    for (const r of rows) if (!owners.has(r.address)) owners.set(r.address, r.tenant_id);
  }
  return owners;
}
