/**
 * Queue addresses owned by one tenant across the install, operator-verified tenant domains, and search documents that know who may read them.
 *
 * 1. A queue address belongs to one tenant: mail delivered directly (LMTP, mailgate)
 *    carries only its recipient, so an address claimed by two tenants made one message a
 *    ticket in both. Existing cross-tenant duplicates are resolved first, deterministically:
 *    the oldest department keeps the address (ties: the older tenant, then tenant id), the
 *    others lose it, and each loss is written to that tenant's audit log.
 * 2. Each search document says whether customers may find it (`internal`: notes and system
 *    lines are staff-only), backfilled from the message type.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

interface Claim { tenant_id: string; address: string; department_id: number; dep_created: string; tenant_created: string }

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  await releaseSharedAddresses(db);
  await db.schema.dropIndex('department_addresses_address_idx').execute();
  await db.schema.createIndex('department_addresses_address_uq').on('department_addresses').column('address').unique().execute();

  const table = pg ? 'search_index' : 'search_docs';
  await db.schema.alterTable(table).addColumn('internal', pg ? sql`boolean` : sql`integer`, (c) => c.notNull().defaultTo(pg ? sql`false` : sql`0`)).execute();
  if (pg) {
    await sql`update search_index si set internal = true from messages m
      where si.source_id like 'message:%' and m.id = substr(si.source_id, 9)
        and m.tenant_id = si.tenant_id and m.message_type <> 'reply'`.execute(db);
  } else {
    await sql`update search_docs set internal = 1 where source_id like 'message:%' and exists (
      select 1 from messages m where m.id = substr(search_docs.source_id, 9)
        and m.tenant_id = search_docs.tenant_id and m.message_type <> 'reply')`.execute(db);
  }
}

/** Leaves every address claimed by several tenants with its oldest department only. */
async function releaseSharedAddresses(db: Db): Promise<void> {
  const shared = db.selectFrom('department_addresses').select('address')
    .groupBy('address').having(sql`count(distinct tenant_id)`, '>', 1);
  const claims = await db.selectFrom('department_addresses as a')
    .innerJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'a.tenant_id').onRef('d.id', '=', 'a.department_id'))
    .innerJoin('tenants as t', 't.id', 'a.tenant_id')
    .select(['a.tenant_id', 'a.address', 'a.department_id', 'd.created_at as dep_created', 't.created_at as tenant_created'])
    .where('a.address', 'in', shared).execute() as Claim[];
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
  const order = (x: Claim, y: Claim) => iso(x.dep_created).localeCompare(iso(y.dep_created))
    || iso(x.tenant_created).localeCompare(iso(y.tenant_created))
    || x.tenant_id.localeCompare(y.tenant_id) || x.department_id - y.department_id;
  const byAddress = new Map<string, Claim[]>();
  for (const c of claims) byAddress.set(c.address, [...(byAddress.get(c.address) ?? []), c]);
  const now = new Date().toISOString();
  for (const [address, list] of byAddress) {
    const [, ...losers] = list.sort(order);
    for (const lost of losers) {
      await db.deleteFrom('department_addresses').where('tenant_id', '=', lost.tenant_id).where('address', '=', address).execute();
      await db.insertInto('events').values({
        tenant_id: lost.tenant_id, name: 'department.address_released', subject_type: 'department', subject_id: String(lost.department_id),
        actor_id: null, source: 'system', request_id: null, created_at: now,
        payload: JSON.stringify({ address, reason: 'The address is a queue address of an older department of another tenant; a queue address belongs to one tenant.' }),
      }).execute();
    }
  }
}
