/**
 * `node bin/run-ts.mjs bench/reports.bench.ts [--db sqlite|postgres] [--tickets 1m]`: the
 * reports API on the benchmark's seeded helpdesk (bench/lib/seed.ts; kept data under
 * /tmp/parley-bench/ or the parley_bench database is reused, else seeded and kept), against
 * issue 12's targets: queue counters ≤ 5 ms at 1M tickets, a report over a year ≤ 2 s.
 * Reports over a year read the daily rollup (migration 030). Also what the triggers (028's
 * counters, 030's rollup) cost a ticket write: the same inserts, status changes and
 * resolutions without them and with them, in a transaction that is rolled back.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { SQLITE_TRIGGERS } from '../src/db/migrations/030-report-days-sqlite.ts';
import type { Database } from '../src/db/schema.ts';
import { startTokenFamily } from '../src/domain/auth/token-pairs.ts';
import { rebuildReportRollup } from '../src/domain/reports/rebuild-report-rollup.ts';
import { recountTicketCounters } from '../src/domain/reports/ticket-counters.repo.ts';
import { getSettings } from '../src/domain/settings/get-settings.ts';
import { findUserById } from '../src/domain/users/users.repo.ts';
import { buildApp } from '../src/http/app.ts';
import { createRuntime, type Runtime } from '../src/runtime.ts';
import { prepareTarget } from './lib/bench-database.ts';
import { parseFlags } from './lib/flags.ts';
import { stats } from './lib/load-runner.ts';
import { findBenchAdmin } from './lib/seed-people.ts';
import { fmt, seed } from './lib/seed.ts';

const log = (line: string) => console.log(line);
const quiet = (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => {
  if (level === 'error') console.error(JSON.stringify({ level, msg, ...data }));
};
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

async function main(): Promise<void> {
  const flags = { ...parseFlags(process.argv.slice(2)), keep: true };
  const target = await prepareTarget(flags);
  const env = {
    NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', PARLEY_DATA_DIR: target.dataDir, DATABASE_URL: target.databaseUrl,
    PARLEY_SECRET_KEY: randomBytes(32).toString('base64url'), PARLEY_API_RATE_LIMIT: '0', PARLEY_DB_STATEMENT_TIMEOUT_MS: '0', PARLEY_DB_QUERY_TIMEOUT_MS: '0',
  };
  if (!target.existing) {
    log(`seeding ${fmt(flags.tickets)} tickets into ${target.description}`);
    const rt = await createRuntime(loadConfig(env), { log: quiet });
    try {
      const seededBefore = await seed(rt, flags.tickets, log);
      await rebuildAfterSeed(rt);
      await target.markSeeded({ tickets: flags.tickets, seededBefore });
    } finally { await rt.close(); }
  } else log(`reusing ${fmt(flags.tickets)} seeded tickets in ${target.description}`);

  const started = performance.now();
  const rt = await createRuntime(loadConfig(env), { log: quiet });
  log(`opened (migrations, incl. 028's counter and 030's rollup backfills when new): ${ms(performance.now() - started)}`);
  try {
    await measure(rt, flags.db);
  } finally {
    await rt.close();
  }
}

/**
 * The seed writes tickets in bulk, on PostgreSQL with triggers off (session_replication_role):
 * the counters and the report rollup are rebuilt from the tickets afterwards. The rollup's
 * rebuild is also what a change of the report time zone costs.
 */
async function rebuildAfterSeed(rt: Runtime): Promise<void> {
  const tenantId = rt.defaultTenantId;
  const zone = (await getSettings(rt.db, tenantId)).report_time_zone;
  const t0 = performance.now();
  await rt.db.transaction().execute(async (tx) => {
    await recountTicketCounters(tx, tenantId);
    await rebuildReportRollup(tx, rt.dialect, tenantId, zone);
  });
  log(`rebuilt the counters and the report rollup from the tickets (what a change of report zone costs): ${ms(performance.now() - t0)}`);
}

async function measure(rt: Runtime, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const adminId = await findBenchAdmin(rt);
  const admin = adminId ? await findUserById(rt.db, rt.defaultTenantId, adminId) : undefined;
  if (!admin) throw new Error('the bench admin is missing: the seed is incomplete');
  const token = (await startTokenFamily(rt.systemCtx(admin.tenant_id), rt.jwt, admin)).access;
  const app = await buildApp(rt, { logger: false });
  const get = async (url: string) => {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return { ms: performance.now() - t0, body: res.body };
  };
  const total = await rt.db.selectFrom('tickets').select(sql<number>`COUNT(*)`.as('n')).executeTakeFirstOrThrow();
  const newest = await rt.db.selectFrom('tickets').select(sql<string>`MAX(created_at)`.as('t')).executeTakeFirstOrThrow();
  const to = String(newest.t).slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
  const inYear = await rt.db.selectFrom('tickets').select(sql<number>`COUNT(*)`.as('n')).where('created_at', '>=', `${from}T00:00:00.000Z`).executeTakeFirstOrThrow();
  log(`${fmt(Number(total.n))} tickets; the year ${from} … ${to} holds ${fmt(Number(inYear.n))} of them`);

  // The counters: HTTP through the real app (auth, policy, JSON), many times.
  const counterTimes: number[] = [];
  for (let i = 0; i < 300; i++) counterTimes.push((await get('/tickets/api/reports/counters/')).ms);
  const c = stats(Float64Array.from(counterTimes.slice(20)), 1);
  log(`counters (GET /reports/counters/, 280 calls): p50 ${ms(c.p50)}, p99 ${ms(c.p99)} — target ≤ 5 ms; answer ${(await get('/tickets/api/reports/counters/')).body}`);
  const recount = performance.now();
  await rt.db.selectFrom('tickets').select(['status', sql<number>`COUNT(*)`.as('n')]).groupBy('status').execute();
  log(`for comparison, COUNT(*) per status over the tickets: ${ms(performance.now() - recount)}`);

  const q = `from=${from}&to=${to}`;
  const answers = new Map<string, string>();
  for (const url of [
    `/tickets/api/reports/summary/?${q}`, `/tickets/api/reports/created-vs-solved/?${q}&interval=week`,
    `/tickets/api/reports/created-vs-solved/?${q}&interval=day`, `/tickets/api/reports/distribution/?${q}&by=status`,
    `/tickets/api/reports/distribution/?${q}&by=agent`, `/tickets/api/reports/distribution/?${q}&by=tag`, `/tickets/api/reports/agents/?${q}`,
  ]) {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const r = await get(url);
      runs.push(r.ms);
      answers.set(url, r.body);
    }
    runs.sort((a, b) => a - b);
    log(`year report ${url.replace(/\?.*?(&|$)/, '?…$1').replace('/tickets/api/reports/', '')}: median of 3 ${ms(runs[1])} (min ${ms(runs[0])}) — target ≤ 2 s`);
  }
  if (process.env.PARLEY_BENCH_COMPARE) await compareWithTickets(rt, answers, get);
  await app.close();
  await writeCost(rt, dialect);
}

/**
 * PARLEY_BENCH_COMPARE=1: the same reports answered from the tickets (the rollup marked as
 * kept in another zone for the while, so the reports fall back to counting tickets), against
 * the rollup's answers: every count equal, every percentile within 2% (+0.05 for rounding).
 */
async function compareWithTickets(rt: Runtime, rollup: Map<string, string>, get: (url: string) => Promise<{ ms: number; body: string }>): Promise<void> {
  const tenantId = rt.defaultTenantId;
  const zone = await rt.db.selectFrom('report_day_zones').select('time_zone').where('tenant_id', '=', tenantId).executeTakeFirst();
  await rt.db.insertInto('report_day_zones').values({ tenant_id: tenantId, time_zone: 'bench/exact' })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ time_zone: 'bench/exact' })).execute();
  const problems: string[] = [];
  let worst = 0;
  try {
    for (const [url, body] of rollup) {
      const exact = await get(url);
      const walk = (a: unknown, b: unknown, path: string): void => {
        if (path.startsWith('.backlog_age')) return; // "now" moves between the two calls; the same query either way
        if (typeof a === 'number' && typeof b === 'number') {
          const percentile = /minutes/.test(path);
          const err = Math.abs(a - b);
          if (percentile) worst = Math.max(worst, b ? err / Math.abs(b) : err);
          if (percentile ? err > 0.02 * Math.abs(b) + 0.05 : err !== 0) problems.push(`${url} ${path}: rollup ${a}, tickets ${b}`);
        } else if (a && b && typeof a === 'object' && typeof b === 'object') {
          for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
        } else if (a !== b) problems.push(`${url} ${path}: rollup ${String(a)}, tickets ${String(b)}`);
      };
      const sortRows = (x: { rows?: Array<{ key?: string; agent_id?: string }> }) => {
        x.rows?.sort((r, s) => String(r.key ?? r.agent_id).localeCompare(String(s.key ?? s.agent_id)));
        return x;
      };
      walk(sortRows(JSON.parse(body)), sortRows(JSON.parse(exact.body)), '');
      log(`  from the tickets instead: ${url.replace(/\?.*?(&|$)/, '?…$1').replace('/tickets/api/reports/', '')} ${ms(exact.ms)}`);
    }
  } finally {
    if (zone) await rt.db.updateTable('report_day_zones').set({ time_zone: zone.time_zone }).where('tenant_id', '=', tenantId).execute();
    else await rt.db.deleteFrom('report_day_zones').where('tenant_id', '=', tenantId).execute();
  }
  log(problems.length ? `rollup vs tickets: ${problems.length} differences:\n  ${problems.slice(0, 20).join('\n  ')}`
    : `rollup vs tickets: every count equal; percentiles' largest relative difference ${(worst * 100).toFixed(2)}%`);
}

/**
 * The triggers' cost per write: the same inserts and updates with no triggers, with the
 * counters' (028) only, and with the report rollup's (030) too, each rolled back.
 */
async function writeCost(rt: Runtime, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const sample = await rt.db.selectFrom('tickets').selectAll().where('tenant_id', '=', rt.defaultTenantId).limit(1).executeTakeFirstOrThrow();
  const n = 5000;
  const counters = ['ticket_counters_insert', 'ticket_counters_update', 'ticket_counters_delete'];
  const rollup = { sqlite: SQLITE_TRIGGERS, postgres: ['report_days_insert_delete', 'report_days_update'] }[dialect];
  const off = async (tx: Kysely<Database>, names: string[]) => {
    for (const t of names) await sql.raw(dialect === 'sqlite' ? `DROP TRIGGER ${t}` : `ALTER TABLE tickets DISABLE TRIGGER ${t}`).execute(tx);
  };
  // 50 transactions of 100 tickets each, rolled back: a long transaction that rewrites the
  // same rollup row thousands of times would measure PostgreSQL's row versions, not a write.
  const run = async (mode: 'none' | 'counters' | 'all') => {
    let insertMs = 0;
    let updateMs = 0;
    let resolveMs = 0;
    for (let batch = 0; batch < n / 100; batch++) {
      await rt.db.transaction().execute(async (tx) => {
        if (mode === 'none') {
          if (dialect === 'sqlite') await off(tx, [...counters, ...rollup]);
          else await sql`ALTER TABLE tickets DISABLE TRIGGER USER`.execute(tx);
        }
        if (mode === 'counters') await off(tx, rollup);
        const ids: string[] = [];
        let t0 = performance.now();
        for (let i = 0; i < 100; i++) {
          const id = randomUUID();
          ids.push(id);
          await tx.insertInto('tickets').values({ ...sample, id, number: `BENCH-${id}`, status: 'open', resolved_at: null, created_at: new Date().toISOString() }).execute();
        }
        insertMs += performance.now() - t0;
        t0 = performance.now();
        for (const id of ids) await tx.updateTable('tickets').set({ status: 'pending' }).where('tenant_id', '=', sample.tenant_id).where('id', '=', id).execute();
        updateMs += performance.now() - t0;
        t0 = performance.now();
        for (const id of ids) {
          await tx.updateTable('tickets').set({ status: 'resolved', resolved_at: new Date().toISOString() }).where('tenant_id', '=', sample.tenant_id).where('id', '=', id).execute();
        }
        resolveMs += performance.now() - t0;
        throw new Rollback();
      }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
    }
    return { insert: (insertMs * 1000) / n, update: (updateMs * 1000) / n, resolve: (resolveMs * 1000) / n };
  };
  await run('all'); // warm up
  const none = await run('none');
  const withCounters = await run('counters');
  const all = await run('all');
  const row = (k: 'insert' | 'update' | 'resolve') => `${none[k].toFixed(0)} → ${withCounters[k].toFixed(0)} → ${all[k].toFixed(0)}`;
  log(`write cost per ticket (µs, ${n} in transactions of 100, rolled back; no triggers → counters (028) → counters and report rollup (030)): ` +
    `insert ${row('insert')}; status change ${row('update')}; resolve ${row('resolve')}`);
}

class Rollback extends Error {}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
