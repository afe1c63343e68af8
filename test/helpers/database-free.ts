/**
 * Test files that never open a database (parsers, policies, SLA arithmetic, web helpers):
 * listed in database-free.txt, they run once, in the SQLite half of `npm test`, instead of
 * once per database. The list is checked, not trusted: database-guard.ts makes such a file
 * fail when it (or anything it calls) opens a database, imports test-runtime.ts or reads
 * the test database's name, and `npm test` fails on a listed file that does not exist.
 * A file not listed runs on both databases, so forgetting to list one costs time, never
 * coverage.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LIST = fileURLToPath(new URL('./database-free.txt', import.meta.url));

/** The listed files, relative to the repository root ('#' starts a comment). */
export function databaseFreeFiles(): string[] {
  return readFileSync(LIST, 'utf8').split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
}

let listed: Set<string> | undefined;

/** Whether the test file at `path` (absolute, or relative to the repository root) is listed. */
export function isDatabaseFree(path: string): boolean {
  listed ??= new Set(databaseFreeFiles());
  return listed.has(relative(ROOT, resolve(ROOT, path)).split('\\').join('/'));
}

/** Where database-guard.ts (a Vitest setup file) leaves its check, for helpers that load outside Vitest too. */
export const DATABASE_GUARD = Symbol.for('parley.databaseGuard');
export type DatabaseGuard = (what: string) => void;

/** Throws when the test file running now is listed; does nothing outside Vitest (benchmarks). */
export function guardDatabase(what: string): void {
  ((globalThis as Record<symbol, unknown>)[DATABASE_GUARD] as DatabaseGuard | undefined)?.(what);
}
