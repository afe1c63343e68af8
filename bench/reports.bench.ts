/**
 * `node bin/run-ts.mjs bench/reports.bench.ts [--db sqlite|postgres] [--tickets 1m]`: the
 * reports API on the benchmark's seeded helpdesk (bench/lib/seed.ts; kept data under
 * /tmp/parley-bench/ or the parley_bench database is reused, else seeded and kept), against
 * issue 12's targets: queue counters ≤ 5 ms at 1M tickets, a report over a year ≤ 2 s.
 * Also what the counter triggers (migration 028) cost a ticket write: the same inserts and
 * status changes with and without them, in a transaction that is rolled back.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { startTokenFamily } from '../src/domain/auth/token-pairs.ts';
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
    try { await target.markSeeded({ tickets: flags.tickets, seededBefore: await seed(rt, flags.tickets, log) }); } finally { await rt.close(); }
  } else log(`reusing ${fmt(flags.tickets)} seeded tickets in ${target.description}`);

  const started = performance.now();
  const rt = await createRuntime(loadConfig(env), { log: quiet });
  log(`opened (migrations, incl. 028's counter backfill when new): ${ms(performance.now() - started)}`);
  try {
    await measure(rt, flags.db);
  } finally {
    await rt.close();
  }
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
  for (const url of [
    `/tickets/api/reports/summary/?${q}`, `/tickets/api/reports/created-vs-solved/?${q}&interval=week`,
    `/tickets/api/reports/created-vs-solved/?${q}&interval=day`, `/tickets/api/reports/distribution/?${q}&by=status`,
    `/tickets/api/reports/distribution/?${q}&by=agent`, `/tickets/api/reports/distribution/?${q}&by=tag`, `/tickets/api/reports/agents/?${q}`,
  ]) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push((await get(url)).ms);
    runs.sort((a, b) => a - b);
    log(`year report ${url.replace(/\?.*?(&|$)/, '?…$1').replace('/tickets/api/reports/', '')}: median of 3 ${ms(runs[1])} (min ${ms(runs[0])}) — target ≤ 2 s`);
  }
  await app.close();
  await writeCost(rt, dialect);
}

/** The triggers' cost per write: the same inserts and updates with and without them, rolled back. */
async function writeCost(rt: Runtime, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const sample = await rt.db.selectFrom('tickets').selectAll().where('tenant_id', '=', rt.defaultTenantId).limit(1).executeTakeFirstOrThrow();
  const n = 5000;
  const run = async (withTriggers: boolean) => {
    let insertMs = 0;
    let updateMs = 0;
    await rt.db.transaction().execute(async (tx) => {
      if (!withTriggers) {
        if (dialect === 'sqlite') for (const t of ['ticket_counters_insert', 'ticket_counters_update', 'ticket_counters_delete']) await sql.raw(`DROP TRIGGER ${t}`).execute(tx);
        else await sql`ALTER TABLE tickets DISABLE TRIGGER USER`.execute(tx);
      }
      const ids: string[] = [];
      let t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const id = randomUUID();
        ids.push(id);
        await tx.insertInto('tickets').values({ ...sample, id, number: `BENCH-${id}` }).execute();
      }
      insertMs = performance.now() - t0;
      t0 = performance.now();
      for (const id of ids) await tx.updateTable('tickets').set({ status: 'pending' }).where('tenant_id', '=', sample.tenant_id).where('id', '=', id).execute();
      updateMs = performance.now() - t0;
      throw new Rollback();
    }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
    return { insert: (insertMs * 1000) / n, update: (updateMs * 1000) / n };
  };
  await run(true); // warm up
  const without = await run(false);
  const withT = await run(true);
  log(`write cost per ticket (µs, ${n} in one transaction, rolled back): insert ${without.insert.toFixed(0)} → ${withT.insert.toFixed(0)} with the counter triggers; status change ${without.update.toFixed(0)} → ${withT.update.toFixed(0)}`);
}

class Rollback extends Error {}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
