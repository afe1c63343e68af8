import type { Db } from '../../db/client.ts';

/**
 * The tenant that has this address as a department queue address (seed 001: mail to
 * no queue is not treated), as a list of at most one. This is the one query that
 * deliberately reads across tenants: mail delivered directly (LMTP/SMTP, mailgate)
 * arrives with nothing but its recipient address, and that address is what tells whose
 * mail it is. A queue address belongs to one tenant (a unique index since migration
 * 004), so one address never delivers into two tenants; the limit keeps that true even
 * on a database whose index is missing. It returns only tenant ids; everything after it
 * runs inside one tenant.
 */
export async function findDeliveryTenants(db: Db, recipient: string): Promise<string[]> {
  const address = recipient.trim().toLowerCase();
  if (!address) return [];
  const row = await db.selectFrom('department_addresses').select('tenant_id')
    .where('address', '=', address).orderBy('tenant_id').limit(1).executeTakeFirst();
  return row ? [row.tenant_id] : [];
}
