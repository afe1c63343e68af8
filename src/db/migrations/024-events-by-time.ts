/**
 * The audit log read by period (`since` / `until` on GET /tickets/api/audit-log/): an index
 * on the time events were recorded, per tenant, so a period is a range scan instead of a
 * walk back through the tenant's whole history.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export async function up(db: Db, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex('events_time_idx').on('events').columns(['tenant_id', 'created_at', 'id']).execute();
}
