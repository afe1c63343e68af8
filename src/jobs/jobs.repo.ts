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
  /**
   * At most one job with this key ever exists (until cleanup.jobs deletes it once done),
   * whatever its status; a duplicate enqueue is ignored. The scheduler relies on this:
   * a time slot that already ran must not be enqueued again by a late instance.
   */
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
 * lease expired (its worker died) is due again, unless that was its last attempt: a
 * job that kills its worker would otherwise be taken up forever, so it fails instead.
 */
export async function claimJobs(db: Db, dialect: Dialect, workerId: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
  const now = new Date();
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  await failAbandonedJobs(db, dialect, nowIso);
  let due = db.selectFrom('jobs').select('id')
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', nowIso)]),
      eb.and([eb('status', '=', 'running'), eb('locked_until', '<', nowIso), eb('attempts', '<', eb.ref('max_attempts'))]),
    ]))
    .orderBy('run_at').orderBy('id').limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  const rows = await db.updateTable('jobs')
    .set({ status: 'running', locked_by: workerId, locked_until: until, updated_at: nowIso, attempts: sql`attempts + 1` })
    .where('id', 'in', due)
    .returning(['id', 'tenant_id', 'name', 'payload', 'attempts', 'max_attempts', 'run_at'])
    .execute();
  // RETURNING follows neither engine's subquery order: run the batch oldest first.
  rows.sort((a, b) => (a.run_at === b.run_at ? Number(a.id) - Number(b.id) : a.run_at < b.run_at ? -1 : 1));
  return rows.map((r) => ({
    id: Number(r.id), tenantId: r.tenant_id, name: r.name,
    payload: JSON.parse(r.payload), attempts: r.attempts, maxAttempts: r.max_attempts,
  }));
}

/** Jobs whose worker vanished during their last attempt: failed, with the reason kept. */
async function failAbandonedJobs(db: Db, dialect: Dialect, nowIso: string): Promise<void> {
  let abandoned = db.selectFrom('jobs').select('id')
    .where('status', '=', 'running').where('locked_until', '<', nowIso)
    .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')));
  // SKIP LOCKED: workers doing this at once never wait on (or deadlock over) each other.
  if (dialect === 'postgres') abandoned = abandoned.forUpdate().skipLocked();
  await db.updateTable('jobs')
    .set({
      status: 'failed', locked_by: null, locked_until: null, updated_at: nowIso,
      last_error: sql`${ABANDONED} || coalesce(' (last error: ' || last_error || ')', '')`,
    })
    .where('id', 'in', abandoned)
    .execute();
}

const ABANDONED = 'the lease of the last attempt expired: the worker stopped or crashed while running it';

/**
 * Ends now the lease of running jobs whose worker, on this host, is a process that no
 * longer exists (killed with -9, crashed): they are claimed again at once instead of after
 * the lease. Workers are named "host:pid:…" (Worker.id). Returns how many were released.
 */
export async function expireLeasesOfDeadWorkers(db: Db, host: string, isAlive: (pid: number) => boolean): Promise<number> {
  const rows = await db.selectFrom('jobs').select('locked_by').distinct()
    .where('status', '=', 'running').where('locked_by', 'like', `${host}:%`).execute();
  const dead = rows.map((r) => r.locked_by!).filter((id) => {
    const pid = Number(id.slice(host.length + 1).split(':')[0]);
    return Number.isInteger(pid) && pid > 0 && !isAlive(pid);
  });
  if (dead.length === 0) return 0;
  const now = new Date(Date.now() - 1).toISOString();
  const res = await db.updateTable('jobs').set({ locked_until: now, updated_at: now })
    .where('status', '=', 'running').where('locked_by', 'in', dead).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Marks jobs done, in one statement (the worker completes a batch at once: one write instead of one per job). */
export async function completeJobs(db: Db, ids: readonly number[], workerId: string): Promise<void> {
  for (let at = 0; at < ids.length; at += 500) {
    await db.updateTable('jobs')
      .set({ status: 'done', locked_by: null, locked_until: null, updated_at: new Date().toISOString() })
      .where('id', 'in', ids.slice(at, at + 500)).where('locked_by', '=', workerId)
      .execute();
  }
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

/** Puts a claimed job back to run at `runAt`, giving back the attempt its claim counted. */
export async function deferJob(db: Db, id: number, workerId: string, runAt: Date, reason: string): Promise<void> {
  await db.updateTable('jobs')
    .set({
      status: 'pending', run_at: runAt.toISOString(), attempts: sql`attempts - 1`,
      last_error: `deferred: ${reason}`.slice(0, 4000),
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

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface JobSummary {
  id: number; name: string; status: JobStatus; attempts: number; max_attempts: number;
  run_at: string; last_error: string | null; created_at: string; updated_at: string;
}
// The payload is left out on purpose: some carry secrets (a password reset link's token).
const summaryColumns = ['id', 'name', 'status', 'attempts', 'max_attempts', 'run_at', 'last_error', 'created_at', 'updated_at'] as const;

/** One tenant's jobs, newest first, after an id cursor; system jobs (no tenant) never show. */
export async function listJobs(db: Db, tenantId: string, f: { status?: JobStatus; beforeId?: number; limit: number }): Promise<JobSummary[]> {
  let q = db.selectFrom('jobs').select(summaryColumns).where('tenant_id', '=', tenantId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

export async function findJob(db: Db, tenantId: string, id: number): Promise<JobSummary | undefined> {
  return db.selectFrom('jobs').select(summaryColumns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/**
 * Puts a failed job back in the queue to run now. Attempts are kept, so the worker gives
 * it one more try and leaves it failed again if that fails too. False if it was not failed.
 */
export async function retryJob(db: Db, tenantId: string, id: number): Promise<boolean> {
  const now = new Date().toISOString();
  const res = await db.updateTable('jobs')
    .set({ status: 'pending', run_at: now, locked_by: null, locked_until: null, updated_at: now })
    .where('tenant_id', '=', tenantId).where('id', '=', id).where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/**
 * Jobs whose unique key starts with a prefix (every attempt to process one message),
 * newest first. Prefixes are our own keys (names, ids): no LIKE wildcards in them.
 */
export async function listJobsByKeyPrefix(db: Db, prefix: string): Promise<Array<{ status: string; last_error: string | null }>> {
  return db.selectFrom('jobs').select(['status', 'last_error']).where('unique_key', 'like', `${prefix}%`).orderBy('id', 'desc').execute();
}
