/**
 * Opens the database named by the configuration: better-sqlite3 (WAL) or a pg pool,
 * both behind one Kysely instance. Values read back look the same on both engines:
 * timestamps as ISO strings, 64-bit integers as numbers.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config.ts';
import type { Dialect } from './dialect.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

export function openDatabase(target: DatabaseTarget, options: { poolSize?: number; onError?: (err: Error) => void } = {}): DatabaseHandle {
  if (target.dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: options.poolSize ?? 10, types: pgTypes });
    // An idle connection dropped by the server (restart, failover, admin) is only logged:
    // unhandled, pg would crash the process; the pool opens a new one when needed.
    pool.on('error', (err) => options.onError?.(err));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
  const sqlite = new SqliteDatabase(target.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withBooleanParams(sqlite) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => Number(v); // int8: counts and bigserial ids
    if (oid === 1700) return (v: string) => Number(v); // numeric
    if (oid === 1184 || oid === 1114) return (v: string) => new Date(v).toISOString();
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * better-sqlite3 as Kysely sees it, with two changes: JS booleans are bound as 0/1
 * (better-sqlite3 refuses them), and prepared statements are cached by their SQL text —
 * Kysely prepares every query anew, and preparing costs more than running most of ours.
 */
function withBooleanParams(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const convert = (params: unknown[]) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = (source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = sqlite.prepare(source);
      if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
      cache.set(source, stmt);
    }
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver);
      return (source: string) => {
        const stmt = prepare(source);
        return new Proxy(stmt, {
          get(s, p, r) {
            const value = Reflect.get(s, p, r);
            if (p === 'all' || p === 'run' || p === 'get' || p === 'iterate') {
              return (params: unknown[] = []) => value.call(s, convert(params));
            }
            return typeof value === 'function' ? value.bind(s) : value;
          },
        });
      };
    },
  });
}
