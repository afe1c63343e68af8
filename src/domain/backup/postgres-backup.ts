/**
 * PostgreSQL: pg_dump --format=custom and pg_restore, the PostgreSQL client tools. The
 * dump and the counts in the manifest read the same snapshot, so they always agree.
 * The password travels in PGPASSWORD, never on a command line others can read.
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import { readDatabaseFacts, type DatabaseFacts } from './database-facts.ts';

/** A client tool is not installed: says which, and what to install. */
export class ToolMissingError extends Error {
  constructor(tool: string, serverMajor: string | null) {
    const pkg = serverMajor ? `postgresql-client-${serverMajor}` : 'postgresql-client';
    super(`${tool} was not found on PATH: install the PostgreSQL client tools${serverMajor ? ` of the server's version (${serverMajor})` : ''}, e.g. "apt install ${pkg}" (Debian/Ubuntu) or "apk add postgresql${serverMajor ?? ''}-client" (Alpine), then run this again`);
    this.name = 'ToolMissingError';
  }
}

/** Dumps the database at `url` to `target` (custom format) and reads its facts in the same snapshot. */
export async function dumpPostgres(url: string, target: string): Promise<DatabaseFacts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = String((await client.query('select pg_export_snapshot() as s')).rows[0].s);
    const facts = await readDatabaseFacts(async (text) => (await client.query(text)).rows[0] as Record<string, unknown>);
    await runTool('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${target}`], url, () => serverMajor(client));
    await client.query('commit');
    return facts;
  } finally {
    await client.end();
  }
}

/** Restores a custom-format dump into the (empty) database at `url`, in one transaction. */
export async function restorePostgres(url: string, dump: string): Promise<void> {
  await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', dump], url, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try { return await serverMajor(client); } finally { await client.end(); }
  });
}

/** Whether the database holds any table (then a restore would mix two installations). */
export async function postgresHasData(url: string): Promise<boolean> {
  return withClient(url, async (c) => Number((await c.query("select count(*) as n from information_schema.tables where table_schema = 'public'")).rows[0].n) > 0);
}

/** Empties the public schema (restore --force into a database that holds something). */
export async function emptyPostgres(url: string): Promise<void> {
  await withClient(url, async (c) => { await c.query('drop schema public cascade; create schema public'); });
}

export async function readPostgresFacts(url: string): Promise<DatabaseFacts> {
  return withClient(url, (c) => readDatabaseFacts(async (text) => (await c.query(text)).rows[0] as Record<string, unknown>));
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { return await fn(client); } finally { await client.end(); }
}

async function serverMajor(client: pg.Client): Promise<string | null> {
  const n = Number((await client.query('show server_version_num')).rows[0].server_version_num);
  return Number.isFinite(n) ? String(Math.floor(n / 10000)) : null;
}

/** Runs a client tool against `url`; a missing tool becomes ToolMissingError, a failure its stderr. */
function runTool(tool: string, args: string[], url: string, major: () => Promise<string | null>): Promise<void> {
  const u = new URL(url);
  const env = { ...process.env, PGPASSWORD: u.password ? decodeURIComponent(u.password) : process.env.PGPASSWORD };
  u.password = '';
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${u.toString()}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let spawnFailed = false;
    child.stderr.on('data', (c: Buffer) => { if (stderr.length < 8000) stderr += c.toString(); });
    child.on('error', (err: NodeJS.ErrnoException) => {
      spawnFailed = true;
      if (err.code === 'ENOENT') major().catch(() => null).then((m) => reject(new ToolMissingError(tool, m)), reject);
      else reject(err);
    });
    child.on('close', (code) => {
      if (spawnFailed) return;
      if (code === 0) resolve();
      else reject(new Error(`${tool} failed (exit ${code}): ${stderr.trim() || 'no message'}`));
    });
  });
}
