#!/usr/bin/env node
// `npm test`: type-checks, then runs the whole suite on SQLite and on PostgreSQL, and
// ends with one line "N passed, N failed". Nothing is skipped: a database that cannot
// be reached makes its tests fail, it does not hide them.
// The type check runs beside the SQLite suite (it needs a core for a minute or two while
// many tests wait on I/O); its output is shown once the SQLite suite is done.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const extra = process.argv.slice(2);
const out = mkdtempSync(join(tmpdir(), 'parley-results-'));
let passed = 0;
let failed = 0;

// The server, the web app and its browser tests: `npm run typecheck` checks all three.
const tscLog = join(out, 'typecheck.log');
const tscFd = openSync(tscLog, 'w');
const tsc = spawn('npm', ['run', '--silent', 'typecheck'], { stdio: ['ignore', tscFd, tscFd] });
const tscDone = new Promise((resolve) => {
  tsc.once('error', () => resolve(-1));
  tsc.once('exit', (code) => resolve(code));
});
closeSync(tscFd);

async function typecheckResult() {
  const status = await tscDone;
  process.stdout.write(readFileSync(tscLog, 'utf8'));
  if (status !== 0) {
    console.error('Type check failed.');
    failed++;
  } else {
    passed++;
    console.log('Type check passed.');
  }
}

for (const db of ['sqlite', 'postgres']) {
  console.log(`\n=== Test suite on ${db} ===`);
  const file = join(out, `${db}.json`);
  const run = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`, ...extra], {
    stdio: 'inherit',
    env: { ...process.env, PARLEY_TEST_DB: db },
  });
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A file that failed to load reports no tests of its own: count it as a failure.
    failed += report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
    if (run.status !== 0 && report.numFailedTests === 0) failed++;
  } catch {
    console.error(`The ${db} run produced no report (exit ${run.status}).`);
    failed++;
  }
  if (db === 'sqlite') {
    console.log('\n=== Type check ===');
    await typecheckResult();
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
