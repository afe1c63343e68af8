/**
 * Opens the database named by the configuration: better-sqlite3 (WAL) or a pg pool,
 * both behind one Kysely instance. Values read back look the same on both engines:
 * timestamps as ISO strings, 64-bit integers as numbers. Every wait on the database is
 * bounded (DatabaseTimeouts), so an unavailable database is an error, never a hang.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget, DatabaseTimeouts } from '../config.ts';
import type { Dialect } from './dialect.ts';
import { enableGroupCommit } from './group-commit.ts';
import type { Database } from './schema.ts';
import { SqliteWriteDialect } from './sqlite-write-dialect.ts';
import { MAIN_CONNECTION_AUTOCHECKPOINT, startWalCheckpointer } from './wal-checkpointer.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** Closes the database; connections still busy after `closeTimeoutMs` are cut. */
  close(): Promise<void>;
}

/** The bounds when the target names none (the same defaults as the configuration's). */
export const DEFAULT_DATABASE_TIMEOUTS: Readonly<DatabaseTimeouts> = Object.freeze({
  connectMs: 5000, statementMs: 15_000, lockMs: 5000, idleInTransactionMs: 60_000, queryMs: 20_000, busyMs: 5000,
});

export interface OpenDatabaseOptions {
  poolSize?: number;
  timeouts?: Partial<DatabaseTimeouts>;
  /** A connection lost or timed out: logged by the caller, never a crash. */
  onError?: (err: Error) => void;
  closeTimeoutMs?: number;
  /** SQLite: when the checkpoint thread starts and how often it runs (wal-checkpointer.ts). */
  walCheckpoint?: { delayMs?: number; everyMs?: number };
}

/** The client-side query deadline expired: the connection was closed so no half-done transaction lingers on it. */
export class QueryTimeoutError extends Error {
  readonly code = 'PARLEY_QUERY_TIMEOUT';
  constructor(ms: number) {
    super(`the database did not answer within ${ms} ms; the connection was closed`);
    this.name = 'QueryTimeoutError';
  }
}

export function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions = {}): DatabaseHandle {
  const t = { ...DEFAULT_DATABASE_TIMEOUTS, ...target.timeouts, ...options.timeouts };
  if (target.dialect === 'postgres') return openPostgres(target.url, t, options);
  if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
  const sqlite = new SqliteDatabase(target.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.trunc(t.busyMs)}`);
  const inMemory = target.file === ':memory:';
  // Reads outside a transaction run beside it on a second connection (sqlite-write-dialect.ts); an in-memory database has only one.
  const reader = inMemory ? undefined : new SqliteDatabase(target.file, { readonly: true });
  reader?.pragma(`busy_timeout = ${Math.trunc(t.busyMs)}`);
  const db = new Kysely<Database>({ dialect: new SqliteWriteDialect(sqlite, reader) });
  enableGroupCommit(db, () => sqlite.inTransaction);
  if (inMemory) return { db, dialect: 'sqlite', close: () => db.destroy() };
  sqlite.pragma(`wal_autocheckpoint = ${MAIN_CONNECTION_AUTOCHECKPOINT}`);
  const checkpointer = startWalCheckpointer(target.file, options.walCheckpoint);
  return {
    db, dialect: 'sqlite',
    async close() {
      await checkpointer.stop();
      await db.destroy();
    },
  };
}

/**
 * A pg pool whose every connection survives the server going away: each client has an
 * 'error' listener for its whole life (pg-pool listens only while a client is idle, and an
 * error on a checked-out client with no listener is an uncaught exception that kills the
 * process), connects and waits for a free client within `connectMs`, sends the server-side
 * timeouts at start-up, and closes a connection whose query got no answer within `queryMs`
 * (a frozen server): the query fails, the pool drops the client, and a transaction begun on
 * it cannot be committed later by a query queued behind it.
 */
function openPostgres(url: string, t: DatabaseTimeouts, options: OpenDatabaseOptions): DatabaseHandle {
  const clients = new Set<pg.PoolClient>();
  const onError = (err: Error) => options.onError?.(err);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: pgTypes,
    connectionTimeoutMillis: t.connectMs || undefined,
    keepAlive: true,
    // Idle connections do not keep a one-shot command (mailgate, migrate) from exiting.
    allowExitOnIdle: true,
    ...(t.statementMs > 0 && { statement_timeout: t.statementMs }),
    ...(t.lockMs > 0 && { lock_timeout: t.lockMs }),
    ...(t.idleInTransactionMs > 0 && { idle_in_transaction_session_timeout: t.idleInTransactionMs }),
  });
  pool.on('error', onError);
  pool.on('connect', (client) => {
    clients.add(client);
    client.on('error', onError);
    client.once('end', () => clients.delete(client));
    if (t.queryMs > 0) boundQueries(client, t.queryMs);
  });
  pool.on('remove', (client) => clients.delete(client));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    async close() {
      let timer: NodeJS.Timeout | undefined;
      const cut = new Promise<void>((resolve) => { timer = setTimeout(resolve, options.closeTimeoutMs ?? 5000); });
      const ended = db.destroy();
      await Promise.race([ended.catch(() => {}), cut]);
      clearTimeout(timer);
      // A connection to a frozen server would keep the process alive: cut what is left.
      for (const client of clients) destroySocket(client);
      await Promise.race([ended.catch(() => {}), new Promise((r) => setTimeout(r, 1000).unref())]);
    },
  };
}

type QueryFn = (...args: unknown[]) => unknown;

/** Makes every promise-returning query on this client fail (and close the connection) after `ms`. */
function boundQueries(client: pg.PoolClient, ms: number): void {
  const query = client.query.bind(client) as QueryFn;
  (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
    const result = query(...args);
    if (!(result instanceof Promise)) return result;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new QueryTimeoutError(ms);
        destroySocket(client, err);
        reject(err);
      }, ms);
    });
    return Promise.race([result, deadline]).finally(() => clearTimeout(timer));
  };
}

function destroySocket(client: pg.PoolClient, err?: Error): void {
  (client as unknown as { connection?: { stream?: { destroy(e?: Error): void } } }).connection?.stream?.destroy(err);
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => Number(v); // int8: counts and bigserial ids
    if (oid === 1700) return (v: string) => Number(v); // numeric
    if (oid === 1184 || oid === 1114) return (v: string) => new Date(v).toISOString();
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;
