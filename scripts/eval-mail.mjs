#!/usr/bin/env node
// Scores `parley mail inspect` against the shared mail corpora (npm run eval:mail).
// The corpora live outside the repository (their licences differ from ours), in
// ../shared/corpora or wherever PARLEY_CORPORA points. Extra arguments go to the
// scorer unchanged, e.g. `npm run eval:mail -- --task reply --failures 20`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpora = resolve(process.env.PARLEY_CORPORA ?? resolve(repo, '..', 'shared', 'corpora'));
const scorer = resolve(corpora, 'score.mjs');

if (!existsSync(scorer)) {
  console.error(`eval-mail: no mail corpora at ${corpora} (score.mjs missing).`);
  console.error('Put the shared corpora at ../shared/corpora or set PARLEY_CORPORA to their folder.');
  process.exit(2);
}

// The scorer splits --cmd on spaces, so a repository path with spaces cannot work.
const cli = resolve(repo, 'bin', 'parley.mjs');
const cmd = process.env.PARLEY_INSPECT_CMD ?? `${process.execPath} ${cli} mail inspect`;
const result = spawnSync(
  process.execPath,
  [scorer, '--corpus', corpora, '--cmd', cmd, ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: repo },
);
if (result.error) {
  console.error(`eval-mail: could not run the scorer: ${result.error.message}`);
  process.exit(2);
}
process.exit(result.status ?? 1);
