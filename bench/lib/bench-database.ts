/**
 * Where the benchmark's data lives: a SQLite file under /tmp, a fresh PostgreSQL
 * database `parley_bench`, or a database the caller names. A marker (a file beside the
 * SQLite database, a comment on the PostgreSQL database) records a finished seed, so
 * `--keep` reuses it when the ticket count matches and a half-done seed is never reused.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { BenchFlags } from './flags.ts';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'parley_bench';
/** Bumped whenever the seed changes shape, so older kept data is not reused. */
const SEED_VERSION = 1;

export interface SeedMarker { version: number; tickets: number; seededBefore: string }

export interface BenchTarget {
  databaseUrl: string;
  dataDir: string;
  description: string;
  /** The marker of a finished seed of the requested size, when one can be reused. */
  existing: SeedMarker | null;
  markSeeded(marker: Omit<SeedMarker, 'version'>): Promise<void>;
  /** Removes what this run created, unless it is to be kept. */
  cleanup(): Promise<void>;
}

export async function prepareTarget(flags: BenchFlags): Promise<BenchTarget> {
  return flags.db === 'sqlite' ? sqliteTarget(flags) : postgresTarget(flags);
}

function sqliteTarget(flags: BenchFlags): BenchTarget {
  const dir = flags.keep ? `/tmp/parley-bench/sqlite-${flags.tickets}` : mkdtempSync('/tmp/parley-bench-');
  const markerFile = join(dir, 'bench-seed.json');
  let existing: SeedMarker | null = null;
  if (flags.keep && existsSync(markerFile)) existing = matching(JSON.parse(readFileSync(markerFile, 'utf8')), flags.tickets);
  if (!existing) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return {
    databaseUrl: `sqlite:${join(dir, 'parley.db')}`,
    dataDir: dir,
    description: `SQLite ${join(dir, 'parley.db')}`,
    existing,
    async markSeeded(m) { writeFileSync(markerFile, JSON.stringify({ version: SEED_VERSION, ...m })); },
    async cleanup() { if (!flags.keep) rmSync(dir, { recursive: true, force: true }); },
  };
}

async function postgresTarget(flags: BenchFlags): Promise<BenchTarget> {
  const dataDir = mkdtempSync('/tmp/parley-bench-pg-');
  const owned = !flags.databaseUrl;
  let url = flags.databaseUrl ?? '';
  if (owned) {
    const u = new URL(ADMIN_URL);
    u.pathname = `/${BENCH_DB}`;
    url = u.toString();
  }
  let existing: SeedMarker | null = null;
  if (owned) {
    const comment = await query<{ c: string | null }>(ADMIN_URL, `select shobj_description(oid, 'pg_database') as c from pg_database where datname = $1`, [BENCH_DB]);
    if (flags.keep && comment.length) existing = matching(parseComment(comment[0].c), flags.tickets);
    if (!existing) {
      await query(ADMIN_URL, `drop database if exists ${BENCH_DB} with (force)`);
      await query(ADMIN_URL, `create database ${BENCH_DB}`);
    }
  } else {
    const rows = await query<{ c: string | null }>(url, `select shobj_description(oid, 'pg_database') as c from pg_database where datname = current_database()`);
    existing = matching(parseComment(rows[0]?.c ?? null), flags.tickets);
    const tables = await query<{ n: number }>(url, `select count(*)::int as n from information_schema.tables where table_schema = current_schema() and table_name = 'tickets'`);
    if (!existing && tables[0].n > 0) {
      const tickets = await query<{ n: number }>(url, 'select count(*)::int as n from tickets');
      if (tickets[0].n > 0) throw new Error(`${flags.databaseUrl} already holds ${tickets[0].n} tickets that this benchmark did not seed (or seeded with another --tickets); use an empty database`);
    }
  }
  return {
    databaseUrl: url,
    dataDir,
    description: owned ? `PostgreSQL database ${BENCH_DB}` : `PostgreSQL ${redact(url)}`,
    existing,
    async markSeeded(m) {
      await query(url, `comment on database ${pg.escapeIdentifier(new URL(url).pathname.slice(1))} is ${pg.escapeLiteral(JSON.stringify({ version: SEED_VERSION, ...m }))}`);
    },
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
      if (owned && !flags.keep) await query(ADMIN_URL, `drop database if exists ${BENCH_DB} with (force)`);
    },
  };
}

function matching(marker: SeedMarker | null, tickets: number): SeedMarker | null {
  return marker && marker.version === SEED_VERSION && marker.tickets === tickets ? marker : null;
}

function parseComment(c: string | null): SeedMarker | null {
  try { return c ? (JSON.parse(c) as SeedMarker) : null; } catch { return null; }
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');

async function query<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
