/** Keeps the newest `keep` scheduled backups of a directory; manual backups are the operator's to remove. */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest } from './manifest.ts';

const DAY = 24 * 3600_000;

/** Deletes older scheduled backups beyond `keep`, and unfinished ones (`.partial`) older than a day; returns the names removed. */
export async function rotateBackups(dir: string, keep: number, now = Date.now()): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const scheduled: Array<{ name: string; createdAt: string }> = [];
  const removed: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (/^\.parley-.*\.partial$/.test(name)) {
      const s = await stat(path).catch(() => null);
      if (s && s.mtimeMs < now - DAY) { await rm(path, { recursive: true, force: true }); removed.push(name); }
      continue;
    }
    if (!name.startsWith('parley-')) continue;
    const manifest = await readManifest(path).catch(() => null);
    if (manifest?.trigger === 'scheduled') scheduled.push({ name, createdAt: manifest.created_at });
  }
  scheduled.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  for (const old of scheduled.slice(keep)) {
    await rm(join(dir, old.name), { recursive: true, force: true });
    removed.push(old.name);
  }
  return removed;
}
