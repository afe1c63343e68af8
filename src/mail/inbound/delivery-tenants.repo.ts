import type { Db } from '../../db/client.ts';

/**
 * The tenants that have this address as a department queue address (seed 001: mail to
 * no queue is not treated). This is the one query that deliberately reads across
 * tenants: mail delivered directly (LMTP/SMTP, mailgate) arrives with nothing but its
 * recipient address, and that address is what tells whose mail it is. It returns only
 * tenant ids; everything after it runs inside one tenant.
 */
export async function findDeliveryTenants(db: Db, recipient: string): Promise<string[]> {
  const address = recipient.trim().toLowerCase();
  if (!address) return [];
  const rows = await db.selectFrom('department_addresses').select('tenant_id').distinct()
    .where('address', '=', address).orderBy('tenant_id').execute();
  return rows.map((r) => r.tenant_id);
}
