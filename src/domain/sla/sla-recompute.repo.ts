/**
 * What recomputing the tickets of a saved SLA policy reads (recompute-policy-sla.task.ts):
 * the open tickets a scope may govern, a batch at a time by id, and the lock that keeps a
 * batch and a policy save from overlapping on PostgreSQL. Tenant first on every call.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Dialect } from '../../db/dialect.ts';

/** Resolved and closed tickets: their clocks stand still for good, a policy change leaves them as they are. */
const DONE = ['resolved', 'closed'];

/** Policy scope keys as stored (`default`, `department:3`, `organisation:<id>`): which tickets each may govern. */
export interface ScopeFilter { all: boolean; departmentIds: number[]; organisationIds: string[] }

export function scopeFilterOf(scopeKeys: readonly string[]): ScopeFilter {
  const f: ScopeFilter = { all: false, departmentIds: [], organisationIds: [] };
  for (const key of scopeKeys) {
    if (key === 'default') f.all = true;
    else if (key.startsWith('department:')) f.departmentIds.push(Number(key.slice('department:'.length)));
    else if (key.startsWith('organisation:')) f.organisationIds.push(key.slice('organisation:'.length));
  }
  return f;
}

/** Ids of open tickets (not resolved or closed) in the scopes, after `afterId`, in id order (the unique (tenant, id) index). */
export async function listOpenTicketIds(db: Db, tenantId: string, f: ScopeFilter, afterId: string | null, limit: number): Promise<string[]> {
  if (!f.all && f.departmentIds.length === 0 && f.organisationIds.length === 0) return [];
  let q = db.selectFrom('tickets').select('id').where('tenant_id', '=', tenantId).where('status', 'not in', DONE);
  if (afterId !== null) q = q.where('id', '>', afterId);
  if (!f.all) {
    q = q.where((eb) => eb.or([
      ...(f.departmentIds.length ? [eb('department_id', 'in', f.departmentIds)] : []),
      ...(f.organisationIds.length ? [eb('organisation_id', 'in', f.organisationIds)] : []),
    ]));
  }
  return (await q.orderBy('id').limit(limit).execute()).map((r) => r.id);
}

/**
 * On PostgreSQL, a transaction-scoped advisory lock on the tenant's SLA policies: a save
 * takes it exclusive, a recompute batch shared. A batch then never reads the policies while
 * a save that will commit after it is under way, so a batch that read an older policy always
 * commits before the save does (and before the save's own recompute starts). SQLite runs
 * one writing transaction at a time, which gives the same order.
 */
export async function lockSlaPolicies(db: Db, dialect: Dialect, tenantId: string, mode: 'save' | 'recompute'): Promise<void> {
  if (dialect !== 'postgres') return;
  const key = `sla-policies:${tenantId}`;
  if (mode === 'save') await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(db);
  else await sql`select pg_advisory_xact_lock_shared(hashtext(${key}))`.execute(db);
}
