#!/usr/bin/env node
// `npm test`: type-checks, then runs the suite on SQLite and on PostgreSQL, and ends with
// one line "N passed, N failed". Nothing is skipped: a database that cannot be reached
// makes its tests fail, it does not hide them.
//
// - The PostgreSQL half (PARLEY_TEST_POSTGRES_HALF=1, see vitest.config.ts) leaves out what the
//   SQLite half covers for both: the files of test/helpers/database-free.txt, which open no
//   database (checked as they run: test/helpers/database-guard.ts), and the browser tests not
//   named in test/helpers/postgres-browser.txt.
// - PARLEY_TEST_HALVES=parallel (the default) runs the two databases at once, each one file at
//   a time, except the files that stop, kill or freeze processes and time what follows
//   (PARLEY_TEST_GROUP, see vitest.config.ts): those run afterwards, one database after the
//   other, with nothing of ours beside them. The SQLite half's output is shown as it runs, the
//   PostgreSQL half's when it is done. PARLEY_TEST_HALVES=serial runs the whole suite on SQLite,
//   then on PostgreSQL.
// - The type check runs beside the SQLite half; its output is shown once that half is done.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const extra = process.argv.slice(2);
const root = join(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'parley-results-'));
const parallel = (process.env.PARLEY_TEST_HALVES ?? 'parallel') !== 'serial';
let passed = 0;
let failed = 0;
const started = Date.now();
const seconds = (ms) => `${Math.round(ms / 1000)} s`;

/** Starts a command with its output in a file (or on this terminal); answers its exit status when done. */
function start(command, args, { env = process.env, log } = {}) {
  const fd = log ? openSync(log, 'w') : undefined;
  const child = spawn(command, args, { cwd: root, env, stdio: fd === undefined ? 'inherit' : ['ignore', fd, fd] });
  if (fd !== undefined) closeSync(fd);
  return new Promise((resolve) => {
    child.once('error', () => resolve(-1));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1)));
  });
}

// The two lists name files that must exist: a renamed one would quietly change where it runs,
// a deleted one would leave a stale line.
const readList = (file) => readFileSync(join(root, file), 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
const listed = readList('test/helpers/database-free.txt');
for (const list of ['test/helpers/database-free.txt', 'test/helpers/postgres-browser.txt']) {
  for (const file of readList(list).filter((f) => !existsSync(join(root, f)))) {
    console.error(`${list} lists ${file}, which does not exist.`);
    failed++;
  }
}

// The server, the web app and its browser tests: `npm run typecheck` checks all three.
const tscLog = join(out, 'typecheck.log');
const tsc = start('npm', ['run', '--silent', 'typecheck'], { log: tscLog });

const useLog = join(out, 'database-use.log');
writeFileSync(useLog, '');
/** Runs one database's files (of a group, when given); answers its exit status, report file and log. */
function half(db, { live, group }) {
  const name = group ? `${db}-${group}` : db;
  const report = join(out, `${name}.json`);
  const log = live ? undefined : join(out, `${name}.log`);
  const env = {
    ...process.env, PARLEY_TEST_DB: db,
    ...(group && { PARLEY_TEST_GROUP: group }),
    ...(db === 'postgres' ? { PARLEY_TEST_POSTGRES_HALF: '1' } : { PARLEY_TEST_DB_USE_LOG: useLog }),
  };
  const t0 = Date.now();
  // A group may hold none of the files named on the command line.
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...(group ? ['--passWithNoTests'] : []), ...extra];
  const done = start('npx', args, { env, log });
  return done.then((status) => ({ db: name, status, report, log, ms: Date.now() - t0 }));
}

/** Adds a half's figures to the totals; answers the files it ran (absolute paths). */
function count({ db, status, report: file, log, ms }) {
  if (log) process.stdout.write(readFileSync(log, 'utf8'));
  console.log(`(${db}: ${seconds(ms)})`);
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A file that failed to load reports no tests of its own: count it as a failure.
    failed += report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
    if (status !== 0 && report.numFailedTests === 0) failed++;
    return report.testResults.map((r) => r.name);
  } catch {
    console.error(`The ${db} run produced no report (exit ${status}).`);
    failed++;
    return [];
  }
}

async function typecheckResult() {
  const status = await tsc;
  process.stdout.write(readFileSync(tscLog, 'utf8'));
  if (status !== 0) {
    console.error('Type check failed.');
    failed++;
  } else {
    passed++;
    console.log('Type check passed.');
  }
}

/** Files that opened no database in the SQLite half and are not listed yet: they could run once. */
function unlistedDatabaseFree(files) {
  const opened = new Set(readFileSync(useLog, 'utf8').split('\n').filter(Boolean));
  const candidates = files.filter((f) => !opened.has(f)).map((f) => relative(root, f)).filter((f) => !listed.includes(f));
  if (candidates.length > 0) {
    console.log(`\n${candidates.length} test file(s) opened no database but run on both; test/helpers/database-free.txt could list them:`);
    for (const f of candidates) console.log(`  ${f}`);
  }
}

const sqliteFiles = [];
if (parallel) {
  console.log('\n=== Test suite on sqlite (PostgreSQL runs meanwhile; its output follows) ===');
  const postgres = half('postgres', { live: false, group: 'shared' });
  sqliteFiles.push(...count(await half('sqlite', { live: true, group: 'shared' })));
  console.log('\n=== Type check ===');
  await typecheckResult();
  console.log('\n=== Test suite on postgres ===');
  count(await postgres);
  for (const db of ['sqlite', 'postgres']) {
    console.log(`\n=== Fault and crash tests on ${db}, alone ===`);
    const files = count(await half(db, { live: true, group: 'alone' }));
    if (db === 'sqlite') sqliteFiles.push(...files);
  }
} else {
  console.log('\n=== Test suite on sqlite ===');
  sqliteFiles.push(...count(await half('sqlite', { live: true })));
  console.log('\n=== Type check ===');
  await typecheckResult();
  console.log('\n=== Test suite on postgres ===');
  count(await half('postgres', { live: true }));
}
unlistedDatabaseFree(sqliteFiles);

console.log(`\n(all: ${seconds(Date.now() - started)})`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
