/**
 * The web app built once for the state of its sources: a temporary directory named by a
 * hash of web/ (and the server values it imports), reused by every browser test file and
 * run until the sources change. Built with Vite's own API, as `npm run build` does.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const webRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(webRoot, '..');
const INPUTS = [join(webRoot, 'src'), join(webRoot, 'index.html'), join(webRoot, 'vite.config.ts'), join(repoRoot, 'src/domain/tickets/ticket-values.ts'), join(repoRoot, 'package-lock.json')];

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

/** The directory of a build of the current sources (index.html and assets/), building it if needed. */
export async function builtWebApp(): Promise<{ dir: string; built: boolean; ms: number }> {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(files)) hash.update(relative(repoRoot, file)).update(readFileSync(file));
  const dir = join(tmpdir(), `parley-web-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(dir, 'index.html'))) return { dir, built: false, ms: 0 };
  const started = Date.now();
  const tmp = `${dir}.${process.pid}.tmp`;
  // Vitest sets NODE_ENV=test, which Vite would keep (React's development build): build what `npm run build` builds.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(webRoot, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: tmp, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  // Another test file may have finished the same build meanwhile: theirs is as good.
  try { renameSync(tmp, dir); } catch { rmSync(tmp, { recursive: true, force: true }); }
  return { dir, built: true, ms: Date.now() - started };
}
