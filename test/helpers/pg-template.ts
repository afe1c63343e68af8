/**
 * PostgreSQL test databases made from a template: migrating a fresh database takes about
 * a second, copying an already migrated one a third of that. The template is named after
 * a hash of the migration sources (src/db/migrations/*.ts, tests excepted), so a new or
 * changed migration makes a new template; it is built once, under an advisory lock, by
 * whichever test process needs it first, and then marked IS_TEMPLATE with no connections
 * allowed (that mark is what "ready" means, and nobody can stay connected to it, which
 * CREATE DATABASE … TEMPLATE requires). Templates of older migration sets are dropped
 * when a new one is built; a process still holding an old name rebuilds it if needed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../src/db/client.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

const DB_DIR = fileURLToPath(new URL('../../src/db/', import.meta.url));
const PREFIX = 'parley_template_';
/** pg_advisory_lock key for building templates ('parleytp' as a number). */
const LOCK_KEY = 7_061_726_108_657_520;

/**
 * The hash of what a migrated database depends on, read when this module loads — the moment
 * the migrations themselves are imported — so the name matches the code that migrates it.
 */
export const templateName = PREFIX + (() => {
  const hash = createHash('sha256');
  const files = readdirSync(`${DB_DIR}migrations`).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  for (const f of files) hash.update(`${f}\0`).update(readFileSync(`${DB_DIR}migrations/${f}`)).update('\0');
  for (const f of ['migrate.ts', 'dialect.ts']) hash.update(`${f}\0`).update(readFileSync(`${DB_DIR}${f}`)).update('\0');
  return hash.digest('hex').slice(0, 12);
})();

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function isReady(client: pg.Client, name: string): Promise<boolean> {
  const { rows } = await client.query<{ ready: boolean }>('select datistemplate and not datallowconn as ready from pg_database where datname = $1', [name]);
  return rows[0]?.ready === true;
}

/** Makes sure the template exists and is ready; builds it (once, whoever comes first) when not. */
export async function ensureTemplate(adminUrl: string, opts: { dropStale?: boolean } = {}): Promise<string> {
  const name = templateName;
  await withAdmin(adminUrl, async (client) => {
    if (await isReady(client, name)) return;
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      if (await isReady(client, name)) return;
      // A half-built one (a process that died while migrating it) is dropped and rebuilt.
      await client.query(`drop database if exists ${name} with (force)`);
      await client.query(`create database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const handle = openDatabase({ dialect: 'postgres', url: url.toString() });
      try {
        await migrateToLatest(handle);
      } finally {
        await handle.close();
      }
      await client.query(`alter database ${name} with is_template true allow_connections false`);
      if (opts.dropStale !== false) await dropStaleTemplates(client, name);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    }
  });
  return name;
}

/** Drops the templates of other migration sets; one still being copied from is left for next time. */
async function dropStaleTemplates(client: pg.Client, keep: string): Promise<void> {
  const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like 'parley\\_template\\_%' and datname <> $1", [keep]);
  for (const { datname } of rows) {
    if (!/^parley_template_[0-9a-f]+$/.test(datname)) continue;
    try {
      await client.query(`alter database ${datname} with is_template false`);
      await client.query(`drop database ${datname}`);
    } catch {
      await client.query(`alter database ${datname} with is_template true`).catch(() => {});
    }
  }
}

let ready: Promise<string> | undefined;

/** Creates database `dbName` as a copy of the migrated template. */
export async function createDatabaseFromTemplate(adminUrl: string, dbName: string): Promise<void> {
  ready ??= ensureTemplate(adminUrl);
  let template: string;
  try {
    template = await ready;
  } catch (e) {
    ready = undefined;
    throw e;
  }
  try {
    await withAdmin(adminUrl, (client) => client.query(`create database ${dbName} template ${template}`));
  } catch (e) {
    // Dropped meanwhile by a process that built a newer template: build ours again (without
    // dropping theirs in turn) and copy it.
    if ((e as { code?: string }).code !== '3D000') throw e;
    template = await ensureTemplate(adminUrl, { dropStale: false });
    await withAdmin(adminUrl, (client) => client.query(`create database ${dbName} template ${template}`));
  }
}
