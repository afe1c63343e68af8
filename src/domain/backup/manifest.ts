/**
 * manifest.json: what a backup holds and how to check it. Written last, so a directory
 * without one is an unfinished backup; every file of the backup is listed with its
 * size and sha-256, checked before a restore uses it and again after it was restored.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { listFiles, sha256File } from './backup-files.ts';

export const MANIFEST = 'manifest.json';
export const FORMAT = 1;

const fileEntry = z.object({ size: z.number().int().min(0), sha256: z.string().regex(/^[a-f0-9]{64}$/) });

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  parley_version: z.string(),
  created_at: z.string(),
  trigger: z.enum(['scheduled', 'manual']),
  database: z.object({
    dialect: z.enum(['sqlite', 'postgres']),
    /** database.sqlite (SQLite online backup) or database.pgdump (pg_dump --format=custom). */
    file: z.string(),
    /** The last migration applied, e.g. "029-backup-runs", and how many were. */
    migration: z.string(),
    migrations: z.number().int(),
  }),
  counts: z.object({ tenants: z.number().int(), tickets: z.number().int(), messages: z.number().int(), attachments: z.number().int() }),
  /** Every file of the backup but the manifest, by path relative to the backup directory. */
  files: z.record(z.string(), fileEntry),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Hashes every file under `dir` (but the manifest) into the manifest's `files`. */
export async function describeFiles(dir: string): Promise<Manifest['files']> {
  const files: Manifest['files'] = {};
  for (const rel of await listFiles(dir, (r) => r === MANIFEST)) {
    const path = join(dir, rel);
    files[rel] = { size: (await stat(path)).size, sha256: await sha256File(path) };
  }
  return files;
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFile(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
}

/** Reads and checks a backup's manifest; throws BackupInvalidError when it is missing or malformed. */
export async function readManifest(dir: string): Promise<Manifest> {
  const text = await readFile(join(dir, MANIFEST), 'utf8').catch(() => null);
  if (text === null) throw new BackupInvalidError(`${dir} is not a Parley backup (no ${MANIFEST}; an unfinished backup has none)`);
  let json: unknown;
  try { json = JSON.parse(text); } catch { throw new BackupInvalidError(`${join(dir, MANIFEST)} is not valid JSON`); }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new BackupInvalidError(`${join(dir, MANIFEST)} is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * The files that differ from the manifest: missing, of another size or another sha-256.
 * `map` turns a manifest path into the path to check (the restored copy, after a restore).
 */
export async function checkFiles(manifest: Manifest, map: (rel: string) => string): Promise<string[]> {
  const problems: string[] = [];
  for (const [rel, want] of Object.entries(manifest.files)) {
    const path = map(rel);
    const s = await stat(path).catch(() => null);
    if (!s?.isFile()) problems.push(`${rel}: missing`);
    else if (s.size !== want.size) problems.push(`${rel}: ${s.size} bytes, the manifest says ${want.size}`);
    else if ((await sha256File(path)) !== want.sha256) problems.push(`${rel}: checksum mismatch`);
  }
  return problems;
}

/** A backup that cannot be trusted: no manifest, a malformed one, or files that do not match it. */
export class BackupInvalidError extends Error {
  constructor(message: string, readonly problems: string[] = []) {
    super(message);
    this.name = 'BackupInvalidError';
  }
}
