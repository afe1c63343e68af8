/**
 * `npm run bench:api`: seeds a helpdesk with N tickets (SQLite or PostgreSQL), serves
 * it with the real HTTP server on 127.0.0.1, and measures the ticket list, search and
 * create endpoints under C concurrent keep-alive clients, against DESIGN.md's targets.
 * Only loopback traffic; every scenario is bounded in time; the process exits by itself.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { startTokenFamily } from '../src/domain/auth/token-pairs.ts';
import { COUNT_CAP, readHealthFigures } from '../src/domain/system-health/health-figures.repo.ts';
import { findUserById } from '../src/domain/users/users.repo.ts';
import { loadActor } from '../src/domain/users/load-actor.ts';
import { buildApp } from '../src/http/app.ts';
import { createRuntime, type Runtime } from '../src/runtime.ts';
import { prepareTarget, type BenchTarget } from './lib/bench-database.ts';
import { cpuSince, cpuSnapshot } from './lib/cpu.ts';
import { explainScenarios } from './lib/explain.ts';
import { FlagError, parseFlags, USAGE, type BenchFlags } from './lib/flags.ts';
import { LoadRunner, stats } from './lib/load-runner.ts';
import { removeBenchTickets } from './lib/remove-bench-tickets.ts';
import { resultsTable, type ResultRow } from './lib/report.ts';
import { buildScenarios, type Scenario } from './lib/scenarios.ts';
import { findBenchAdmin } from './lib/seed-people.ts';
import { countStatements, resetStatementStats, statementReport } from './lib/statement-stats.ts';
import { startWorkerProcess } from './lib/worker-process.ts';
import { setUpAutomation } from './lib/automation-setup.ts';
import { fmt, seed } from './lib/seed.ts';

const log = (line: string) => console.log(line);
const quiet = (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => {
  if (level === 'error') console.error(JSON.stringify({ level, msg, ...data }));
};

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.statements) countStatements();
  const target = await prepareTarget(flags);
  process.once('SIGINT', () => {
    log('interrupted: cleaning up');
    target.cleanup().finally(() => process.exit(130));
  });
  try {
    await bench(flags, target);
  } finally {
    await target.cleanup();
    log(flags.keep ? `kept: ${target.description}` : `removed: ${target.description}`);
  }
}

async function bench(flags: BenchFlags, target: BenchTarget): Promise<void> {
  const configEnv = {
    NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent',
    PARLEY_DATA_DIR: target.dataDir, DATABASE_URL: target.databaseUrl,
    PARLEY_SECRET_KEY: randomBytes(32).toString('base64url'), PARLEY_API_RATE_LIMIT: '0',
    PARLEY_ACCESS_TOKEN_TTL: '86400', PARLEY_DEFAULT_LANGUAGE: 'es',
    ...(flags.jobShare !== undefined && { PARLEY_JOB_SHARE: String(flags.jobShare) }),
  };
  const config = loadConfig(configEnv);
  let seededBefore = target.existing?.seededBefore;
  if (!seededBefore) {
    log(`seeding ${fmt(flags.tickets)} tickets into ${target.description}`);
    // Rebuilding the indexes of 1M tickets takes longer than the server's statement timeout on a busy machine.
    const rt = await createRuntime(loadConfig({ ...configEnv, PARLEY_DB_STATEMENT_TIMEOUT_MS: '0', PARLEY_DB_QUERY_TIMEOUT_MS: '0' }), { log: quiet });
    try {
      seededBefore = await seed(rt, flags.tickets, log);
    } finally {
      await rt.close();
    }
    await target.markSeeded({ tickets: flags.tickets, seededBefore });
  } else log(`reusing ${fmt(flags.tickets)} seeded tickets in ${target.description}`);

  // A fresh runtime, opened exactly as `parley serve` opens it (no seeding settings left over).
  const rt = await createRuntime(config, { log: quiet });
  const runner = new LoadRunner();
  try {
    await removeCreated(rt, seededBefore, flags.tickets);
    const adminId = await findBenchAdmin(rt);
    const admin = adminId ? await findUserById(rt.db, rt.defaultTenantId, adminId) : undefined;
    if (!admin) throw new Error('the bench admin is missing: the seed is incomplete');
    if (flags.automation) log(await setUpAutomation(rt, admin.email));
    const token = (await startTokenFamily(rt.systemCtx(admin.tenant_id), rt.jwt, admin)).access;
    const app = await buildApp(rt, { logger: false });
    const worker = flags.workerProcess ? startWorkerProcess(configEnv) : null;
    if (!worker && !flags.noJobs) rt.worker.start();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;

    const wanted = (name: string) => flags.only.length === 0 || flags.only.some((w) => name.includes(w));
    const scenarios = await buildScenarios(rt, flags.tickets, wanted, log);
    log(await machine(rt, flags));
    const rows: ResultRow[] = [];
    for (const s of scenarios) {
      rows.push(await runScenario(runner, s, port, token, flags));
      if (s.spec.kind === 'post') rows[rows.length - 1].notes.push(await jobsLeft(rt, flags));
    }
    await app.close();
    await worker?.stop();
    log(`\n${resultsTable(rows)}`);
    if (flags.explain) await explainScenarios(rt, await loadActor(rt.db, admin), scenarios, log);
    if (flags.keep || flags.databaseUrl) await removeCreated(rt, seededBefore, flags.tickets);
  } finally {
    await runner.close();
    await rt.close();
  }
}

async function runScenario(runner: LoadRunner, s: Scenario, port: number, token: string, flags: BenchFlags): Promise<ResultRow> {
  const durationMs = flags.durationS * 1000;
  const warmupMs = Math.min(2000, durationMs / 5);
  log(`running "${s.name}" for ${flags.durationS} s (+${warmupMs / 1000} s warm-up), ${flags.concurrency} clients, load average ${os.loadavg()[0].toFixed(2)}`);
  const cpu = cpuSnapshot();
  resetStatementStats();
  const r = await runner.run({ port, token, spec: s.spec, concurrency: flags.concurrency, warmupMs, durationMs, timeoutMs: 60_000 });
  const cpuNote = cpuSince(cpu);
  const expected = s.spec.kind === 'post' ? 201 : 200;
  const errors = Object.entries(r.statuses).filter(([code]) => Number(code) !== expected).reduce((n, [, c]) => n + c, 0);
  const notes = [`${s.detail}${await probe(s, port, token)}`, cpuNote, ...r.failures.map((f) => `error: ${f}`)];
  // Per request including the warm-up's (the statements were counted from its start).
  if (flags.statements) notes.push(statementReport(Math.max(1, r.latencies.length + r.warmupRequests)));
  if (s.spec.kind === 'walk') {
    notes.push(r.pageLatencies.map((p, i) => { const st = stats(p, r.seconds); return `page ${i + 1}: ${st.count} requests, p50 ${st.p50.toFixed(1)} ms, p99 ${st.p99.toFixed(1)} ms`; }).join('; '));
  }
  return { name: s.name, target: s.target, stats: stats(r.latencies, r.seconds), errors, notes };
}

/**
 * The jobs the requests left queued (due now: a mail deferred for want of a transport is
 * not), and how long they take to drain once the requests stop: the work that trailed them.
 */
async function jobsLeft(rt: Runtime, flags: BenchFlags): Promise<string> {
  // The /readyz figure: pending jobs whose time has come, counted up to COUNT_CAP.
  const due = async () => (await readHealthFigures(rt.db, null, new Date())).jobs.due;
  const counted = (n: number) => (n >= COUNT_CAP ? `${fmt(COUNT_CAP)} or more` : fmt(n));
  const left = await due();
  if (flags.noJobs || left === 0) return `jobs due when the requests stopped: ${counted(left)}${flags.noJobs ? ' (--no-jobs: left queued)' : ''}`;
  const started = Date.now();
  let now = left;
  while (now > 0 && Date.now() - started < 300_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    now = await due();
  }
  const seconds = (Date.now() - started) / 1000;
  return `jobs due when the requests stopped: ${counted(left)}, ${now === 0 ? `drained ${seconds.toFixed(1)} s later` : `${counted(now)} still due after ${seconds.toFixed(0)} s`}`;
}

/** What the scenario's first request returns, as a check that it measures real work. */
async function probe(s: Scenario, port: number, token: string): Promise<string> {
  if (s.spec.kind === 'post') return '';
  const path = s.spec.kind === 'get' ? s.spec.paths[0] : s.spec.path;
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { results?: unknown[]; next_cursor?: string | null };
  return ` (first request: ${body.results?.length ?? '?'} rows${body.next_cursor ? ', more pages' : ''})`;
}

async function removeCreated(rt: Runtime, seededBefore: string, tickets: number): Promise<void> {
  const removed = await removeBenchTickets(rt, seededBefore, tickets);
  if (removed > 0) log(`removed ${fmt(removed)} tickets created by the benchmark`);
}

async function machine(rt: Runtime, flags: BenchFlags): Promise<string> {
  const cpus = os.cpus();
  const version = rt.dialect === 'postgres'
    ? (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(rt.db)).rows[0].v
    : (await sql<{ v: string }>`select sqlite_version() as v`.execute(rt.db)).rows[0].v;
  const count = await rt.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return [
    '',
    `machine:  ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `runtime:  Node ${process.version}, ${rt.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} ${version}`,
    `data:     ${fmt(Number(count.n))} tickets, ${fmt(flags.tickets)} seeded`,
    `load:     ${flags.concurrency} keep-alive clients, ${flags.durationS} s per scenario`,
  ].join('\n');
}

main().then(() => process.exit(0), (e: unknown) => {
  if (e instanceof FlagError) {
    console.error(`${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
