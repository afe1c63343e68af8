import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';
import { databaseFreeFiles } from './test/helpers/database-free.ts';
import { postgresBrowserFiles } from './test/helpers/postgres-browser.ts';

/**
 * Test files run one at a time (what Vitest picks on 2 cores anyway). PARLEY_TEST_WORKERS=2
 * runs two at once: the resources a test starts have their own ports, directories and
 * databases, but tests with short time windows (scheduled sends, job leases, process
 * deadlines) have not yet been shown to hold with two files sharing 2 cores.
 *
 * PARLEY_TEST_POSTGRES_HALF=1 is the PostgreSQL half of `npm test` (scripts/run-tests.mjs):
 * it leaves out what the SQLite half covers for both databases, the files that open no
 * database (test/helpers/database-free.txt, checked by database-guard.ts) and the browser
 * tests other than those of test/helpers/postgres-browser.txt.
 *
 * PARLEY_TEST_GROUP=alone runs only the files that stop, kill or freeze processes and time
 * what follows (test/fault, test/crash), and PARLEY_TEST_GROUP=shared all others: `npm test`
 * runs the two databases' shared groups at once and the alone group with nothing beside it.
 */
const workers = Math.max(1, Number(process.env.PARLEY_TEST_WORKERS ?? 1) || 1);
const postgresHalf = process.env.PARLEY_TEST_POSTGRES_HALF === '1';
const group = process.env.PARLEY_TEST_GROUP;
const ALONE = ['test/fault/**/*.test.ts', 'test/crash/**/*.test.ts'];
const INCLUDE = ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'web/**/*.test.ts'];

/** Repository-relative paths of the browser tests (*.browser.test.ts) under the given folders. */
function browserTests(...dirs: string[]): string[] {
  return dirs.flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.browser.test.ts') && !f.includes('node_modules'))
    .map((f) => join(dir, f).split('\\').join('/')));
}

const sqliteOnly = (): string[] => {
  const onPostgres = new Set(postgresBrowserFiles());
  return [...databaseFreeFiles(), ...browserTests('src', 'web').filter((f) => !onPostgres.has(f))];
};

export default defineConfig({
  test: {
    include: group === 'alone' ? ALONE : INCLUDE,
    exclude: [...configDefaults.exclude, ...(postgresHalf ? sqliteOnly() : []), ...(group === 'shared' ? ALONE : [])],
    setupFiles: ['test/helpers/database-guard.ts'],
    pool: 'forks',
    maxWorkers: workers,
    minWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
