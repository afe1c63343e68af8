/**
 * A fingerprint of everything a request could change: a count of the writes to every
 * table (found in the database catalogue, so tables of later migrations are covered)
 * and the list of files under the attachment store. Equal snapshots: nothing changed.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sql } from 'kysely';
import type { Runtime } from '../../src/runtime.ts';

export type Snapshot = Record<string, string>;

/**
 * Tables a rejected request may legitimately write: login throttling records failed
 * attempts by design. Matched by name so a throttle table added later is recognised.
 */
export const VOLATILE_TABLES = /(rate_limit|throttl|login_attempt|failed_login)/;

export async function snapshotDatabase(rt: Runtime): Promise<Snapshot> {
  const out: Snapshot = {};
  // Hashing every row costs tens of milliseconds once messages hold megabytes, so each
  // table gets triggers that count its writes; a rolled-back write rolls its count back.
  await installChangeCounters(rt);
  const rows = (await sql<{ t: string; n: number | string }>`select t, n from zz_test_changes`.execute(rt.db)).rows;
  for (const r of rows) out[r.t] = String(r.n);
  out['files:attachments'] = listFiles(join(rt.config.dataDir, 'attachments'));
  return out;
}

const installed = new WeakSet<object>();

/**
 * Triggers on every table of a test database (except the volatile ones and, on SQLite,
 * the FTS5 index, whose text copies messages) counting inserts, updates and deletes.
 */
async function installChangeCounters(rt: Runtime): Promise<void> {
  if (installed.has(rt.db)) return;
  installed.add(rt.db);
  const pg = rt.dialect === 'postgres';
  await sql`create table if not exists zz_test_changes (t text primary key, n bigint not null)`.execute(rt.db);
  const names = pg
    ? (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by 1`.execute(rt.db)).rows
    : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(rt.db)).rows;
  const tables = names.map((r) => r.name).filter((t) => t !== 'zz_test_changes' && !VOLATILE_TABLES.test(t) && (pg || !/^search_index(_|$)/.test(t)));
  if (pg) {
    await sql.raw(`create or replace function zz_count_change() returns trigger language plpgsql as $$
      begin update zz_test_changes set n = n + 1 where t = TG_TABLE_NAME; return null; end $$`).execute(rt.db);
  }
  for (const t of tables) {
    await sql.raw(`insert into zz_test_changes (t, n) values ('${t}', 0) on conflict (t) do nothing`).execute(rt.db);
    if (pg) {
      await sql.raw(`create trigger "zz_count_${t}" after insert or update or delete on "${t}" for each row execute function zz_count_change()`).execute(rt.db);
      continue;
    }
    for (const op of ['insert', 'update', 'delete']) {
      await sql.raw(`create trigger if not exists "zz_count_${t}_${op}" after ${op} on "${t}" begin
        update zz_test_changes set n = n + 1 where t = '${t}'; end`).execute(rt.db);
    }
  }
}

/** The names of what differs between two snapshots (empty: nothing changed). */
export function snapshotDiff(before: Snapshot, after: Snapshot): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => before[k] !== after[k]).sort();
}

function listFiles(root: string): string {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries: string[];
    try { entries = readdirSync(dir); } catch { return; }
    for (const e of entries) {
      const p = join(dir, e);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else found.push(`${relative(root, p)}:${st.size}`);
    }
  };
  walk(root);
  return found.sort().join('\n');
}
