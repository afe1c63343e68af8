/** The durable job queue table: enqueue inside a business transaction, claim, finish. */
import { sql } from 'kysely';
import type { Db } from '../db/client.ts';
import type { Dialect } from '../db/dialect.ts';

export interface NewJob {
  tenantId: string | null;
  name: string;
  payload: unknown;
  runAt?: Date;
  maxAttempts?: number;
  /** At most one pending or running job with this key; a duplicate enqueue is ignored. */
  uniqueKey?: string;
}

export interface ClaimedJob {
  id: number;
  tenantId: string | null;
  name: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export async function insertJobs(db: Db, jobs: NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const now = new Date().toISOString();
  await db.insertInto('jobs')
    .values(jobs.map((j) => ({
      tenant_id: j.tenantId,
      name: j.name,
      payload: JSON.stringify(j.payload ?? null),
      run_at: (j.runAt ?? new Date()).toISOString(),
      max_attempts: j.maxAttempts ?? 10,
      unique_key: j.uniqueKey ?? null,
      locked_by: null, locked_until: null, last_error: null,
      created_at: now, updated_at: now,
    })))
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .execute();
}

/**
 * Claims up to `limit` due jobs for one worker. On PostgreSQL `FOR UPDATE SKIP LOCKED`
 * lets any number of workers claim concurrently without taking the same job; SQLite
 * has a single writer, so the UPDATE … RETURNING is atomic by itself. A job whose
 * lease expired (its worker died) is due again.
 */
export async function claimJobs(db: Db, dialect: Dialect, workerId: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
  const now = new Date();
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  let due = db.selectFrom('jobs').select('id')
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', nowIso)]),
      eb.and([eb('status', '=', 'running'), eb('locked_until', '<', nowIso)]),
    ]))
    .orderBy('run_at').orderBy('id').limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  const rows = await db.updateTable('jobs')
    .set({ status: 'running', locked_by: workerId, locked_until: until, updated_at: nowIso, attempts: sql`attempts + 1` })
    .where('id', 'in', due)
    .returning(['id', 'tenant_id', 'name', 'payload', 'attempts', 'max_attempts'])
    .execute();
  return rows.map((r) => ({
    id: Number(r.id), tenantId: r.tenant_id, name: r.name,
    payload: JSON.parse(r.payload), attempts: r.attempts, maxAttempts: r.max_attempts,
  }));
}

export async function completeJob(db: Db, id: number, workerId: string): Promise<void> {
  await db.updateTable('jobs')
    .set({ status: 'done', locked_by: null, locked_until: null, updated_at: new Date().toISOString() })
    .where('id', '=', id).where('locked_by', '=', workerId)
    .execute();
}

/** Records a failure: back to pending at `retryAt`, or failed for good when out of attempts. */
export async function failJob(db: Db, id: number, workerId: string, error: string, retryAt: Date | null): Promise<void> {
  await db.updateTable('jobs')
    .set({
      status: retryAt ? 'pending' : 'failed',
      run_at: retryAt ? retryAt.toISOString() : sql`run_at`,
      last_error: error.slice(0, 4000),
      locked_by: null, locked_until: null, updated_at: new Date().toISOString(),
    })
    .where('id', '=', id).where('locked_by', '=', workerId)
    .execute();
}

/** Removes finished jobs older than the cut-off; failed ones stay for inspection. */
export async function deleteDoneJobs(db: Db, before: Date): Promise<number> {
  const res = await db.deleteFrom('jobs').where('status', '=', 'done').where('updated_at', '<', before.toISOString()).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function countJobsByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
