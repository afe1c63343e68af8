/**
 * `npm run bench:bulk`: how fast a bulk change goes through each ticket's rules
 * (bulk-update-tickets.ts). Seeds a fresh database (SQLite file, and a PostgreSQL database
 * made for the run and dropped after) with realistic tickets, then changes 1,000 and
 * 5,000 of them as an agent would from the list (status, priority and a tag at once),
 * through the domain command the API route calls, and prints tickets/s with the rows
 * it wrote. Target (issue 10): 5,000 tickets well under 10 s.
 *
 *   npm run bench:bulk -- [--db sqlite|postgres|both] [--sizes 1000,5000]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { bulkUpdateTickets, type BulkChanges } from '../src/domain/tickets/bulk-update-tickets.ts';
import { loadActor } from '../src/domain/users/load-actor.ts';
import { findUserById } from '../src/domain/users/users.repo.ts';
import { createRuntime, type Runtime } from '../src/runtime.ts';
import { seed, fmt } from './lib/seed.ts';
import { findBenchAdmin } from './lib/seed-people.ts';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET_S = 10;
const log = (line: string) => console.log(line);
const quiet = (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => {
  if (level === 'error') console.error(JSON.stringify({ level, msg, ...data }));
};

interface Row { db: string; size: number; seconds: number; updated: number; failed: number; events: number; messages: number; jobs: number }

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string', default: 'both' }, sizes: { type: 'string', default: '1000,5000' } } });
  const dbs = values.db === 'both' ? ['sqlite', 'postgres'] as const : [values.db as 'sqlite' | 'postgres'];
  const sizes = values.sizes!.split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
  const rows: Row[] = [];
  for (const db of dbs) rows.push(...await onDatabase(db, sizes));
  log('\n| database | tickets | seconds | tickets/s | updated | failed | events | thread lines | jobs | target (5,000 < 10 s) |');
  log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    const verdict = r.size >= 5000 ? (r.seconds < TARGET_S ? 'pass' : 'FAIL') : '';
    log(`| ${r.db} | ${fmt(r.size)} | ${r.seconds.toFixed(2)} | ${fmt(Math.round(r.size / r.seconds))} | ${fmt(r.updated)} | ${r.failed} | ${fmt(r.events)} | ${fmt(r.messages)} | ${fmt(r.jobs)} | ${verdict} |`);
  }
}

async function onDatabase(db: 'sqlite' | 'postgres', sizes: number[]): Promise<Row[]> {
  const dir = mkdtempSync('/tmp/parley-bulk-bench-');
  const pgName = `parley_bulk_bench_${process.pid}`;
  let url = `sqlite:${join(dir, 'parley.db')}`;
  if (db === 'postgres') {
    await adminQuery(`create database ${pgName}`);
    const u = new URL(ADMIN_URL);
    u.pathname = `/${pgName}`;
    url = u.toString();
  }
  const config = loadConfig({
    NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', PARLEY_DATA_DIR: dir, DATABASE_URL: url,
    PARLEY_SECRET_KEY: randomBytes(32).toString('base64url'), PARLEY_DEFAULT_LANGUAGE: 'es',
  });
  let rt: Runtime | undefined;
  try {
    rt = await createRuntime(config, { log: quiet });
    const total = sizes.reduce((a, b) => a + b, 0) + 1000;
    log(`\n${db}: seeding ${fmt(total)} tickets`);
    await seed(rt, total, () => {});
    const admin = (await findUserById(rt.db, rt.defaultTenantId, (await findBenchAdmin(rt))!))!;
    const ctx = rt.ctx(rt.defaultTenantId, await loadActor(rt.db, admin), 'web');
    // The newest tickets, as a list view of the backlog would select them.
    const ids = (await rt.db.selectFrom('tickets').select('id').where('tenant_id', '=', rt.defaultTenantId)
      .orderBy('created_at', 'desc').limit(total).execute()).map((r) => r.id);
    const out: Row[] = [];
    let at = 0;
    for (const size of sizes) {
      const chosen = ids.slice(at, at + size);
      at += size;
      const changes: BulkChanges = { status: 'pending', priority: 'high', addTags: ['bulk-bench'] };
      const before = await counts(rt);
      const t0 = performance.now();
      const r = await bulkUpdateTickets(ctx, { ids: chosen }, changes);
      const seconds = (performance.now() - t0) / 1000;
      const after = await counts(rt);
      log(`  ${fmt(size)} tickets: ${seconds.toFixed(2)} s, ${fmt(Math.round(size / seconds))} tickets/s (matched ${r.matched}, updated ${r.updated}, unchanged ${r.unchanged}, failed ${r.failed.length})`);
      out.push({ db, size, seconds, updated: r.updated, failed: r.failed.length, events: after.events - before.events, messages: after.messages - before.messages, jobs: after.jobs - before.jobs });
    }
    return out;
  } finally {
    await rt?.close();
    rmSync(dir, { recursive: true, force: true });
    if (db === 'postgres') await adminQuery(`drop database if exists ${pgName} with (force)`);
  }
}

async function counts(rt: Runtime) {
  const n = async (table: 'events' | 'messages' | 'jobs') => Number((await rt.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { events: await n('events'), messages: await n('messages'), jobs: await n('jobs') };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try { await client.query(text); } finally { await client.end(); }
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
