#!/usr/bin/env node
// `npm run audit`: fails when a production dependency has a high or critical advisory
// that security/audit-ignore.json does not explain. Each ignored advisory needs its id
// (the GHSA id or the advisory URL) and a reason. When the registry's advisory endpoint
// cannot be reached (a closed network), it says so plainly and exits 0: it could not
// check, and it does not pretend it did.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ignoreFile = new URL('../security/audit-ignore.json', import.meta.url);
const ignored = new Map(JSON.parse(readFileSync(ignoreFile, 'utf8')).map((e) => [e.id, e.reason]));
const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = null;
}
if (!report?.vulnerabilities) {
  const why = report?.error?.summary || report?.message || (run.stderr.trim().split('\n').pop() || 'no answer');
  console.log(`npm audit: NOT CHECKED — the registry's advisory endpoint could not be reached (${why}).`);
  process.exit(0);
}
const blocking = [];
for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
  for (const via of v.via ?? []) {
    if (typeof via !== 'object' || !['high', 'critical'].includes(via.severity)) continue;
    const id = via.url?.split('/').pop() ?? String(via.source);
    if (ignored.has(id) || ignored.has(via.url)) console.log(`npm audit: ignoring ${id} in ${name} (${via.severity}): ${ignored.get(id) ?? ignored.get(via.url)}`);
    else blocking.push(`${name}: ${via.severity} ${via.title} (${via.url})`);
  }
}
if (blocking.length) {
  console.error(`npm audit: ${blocking.length} high or critical advisories in production dependencies:\n  ${blocking.join('\n  ')}`);
  console.error('Upgrade, or explain each in security/audit-ignore.json with its id and a reason.');
  process.exit(1);
}
console.log(`npm audit: no unexplained high or critical advisories in production dependencies (${ignored.size} explained and ignored).`);
