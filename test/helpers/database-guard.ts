/**
 * Vitest setup file (vitest.config.ts): keeps database-free.txt honest. A listed test file
 * runs on one database only, so it must not use one: its SQLite and PostgreSQL drivers
 * (better-sqlite3's statements and pragmas, pg's connections) throw for it, as does
 * importing test-runtime.ts, and its source may not read the test database's name
 * (code for PostgreSQL only would never run). The check is made when a driver is called,
 * for the file running then, so it holds for helpers and code under test alike.
 *
 * With PARLEY_TEST_DB_USE_LOG=<file>, the path of each test file that opens a database is
 * appended to that file: `npm test` reads it to name files that could be listed.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { expect } from 'vitest';
import { DATABASE_GUARD, isDatabaseFree, type DatabaseGuard } from './database-free.ts';

const useLog = process.env.PARLEY_TEST_DB_USE_LOG;
const logged = new Set<string>();
let last: { file: string; free: boolean } | undefined;

const currentFile = (): string => expect.getState().testPath ?? '';

const guard: DatabaseGuard = (what) => {
  const file = currentFile();
  if (last?.file !== file) last = { file, free: file !== '' && isDatabaseFree(file) };
  if (last.free) {
    throw new Error(`${file} is listed in test/helpers/database-free.txt, so it runs on SQLite only, but it ${what}. `
      + 'Take it off the list (it then runs on both databases).');
  }
  if (useLog && file && !logged.has(file)) {
    logged.add(file);
    appendFileSync(useLog, `${file}\n`);
  }
};
(globalThis as Record<symbol, unknown>)[DATABASE_GUARD] = guard;

/**
 * Wraps a driver method so that calling it first asks the guard. pg's methods answer a
 * refusal as they answer any error (to the callback, else as a rejected promise): thrown
 * inside pg-pool, it would leave the caller waiting.
 */
function watch<T extends object>(proto: T, methods: Array<keyof T & string>, what: string, callbacks: boolean): void {
  for (const name of methods) {
    const original = proto[name] as unknown as (...args: unknown[]) => unknown;
    if ((original as { guarded?: boolean }).guarded) continue;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      try {
        guard(what);
      } catch (e) {
        if (!callbacks) throw e;
        const callback = args.at(-1);
        if (typeof callback !== 'function') return Promise.reject(e);
        process.nextTick(callback, e);
        return undefined;
      }
      return original.apply(this, args);
    };
    Object.assign(wrapped, { guarded: true });
    Object.defineProperty(proto, name, { value: wrapped, writable: true, configurable: true });
  }
}

watch(SqliteDatabase.prototype, ['prepare', 'exec', 'pragma', 'transaction', 'backup'], 'opens a SQLite database', false);
watch(pg.Client.prototype, ['connect', 'query'], 'connects to PostgreSQL', true);

const file = currentFile();
if (file && isDatabaseFree(file)) {
  const source = readFileSync(file, 'utf8');
  const named = /\btestDialect\b|PARLEY_TEST_DB\b|PARLEY_TEST_PG_URL\b/.exec(source);
  if (named) guard(`reads ${named[0]}, the database the tests run on`);
}
