/**
 * Where backups go and how many are kept: operator settings of the whole installation,
 * from the environment (a tenant's settings cannot name a directory on the server).
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';

export interface BackupOptions {
  /** PARLEY_BACKUP_DIR: the directory that holds one sub-directory per backup. */
  dir: string;
  /** PARLEY_BACKUP_KEEP: how many scheduled (daily) backups rotation keeps; manual ones are never rotated. */
  keep: number;
  /** PARLEY_BACKUP_DAILY: whether the scheduler takes the daily backup. */
  daily: boolean;
}

const schema = z.object({
  PARLEY_BACKUP_DIR: z.string().min(1).optional(),
  PARLEY_BACKUP_KEEP: z.coerce.number().int().min(1).max(3650).default(7),
  PARLEY_BACKUP_DAILY: z.enum(['true', 'false', '1', '0', 'yes', 'no']).default('true').transform((v) => ['true', '1', 'yes'].includes(v)),
});

/** Reads the backup settings; a bad value throws naming the variable. */
export function backupOptions(dataDir: string, env: NodeJS.ProcessEnv = process.env): BackupOptions {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid backup settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  return { dir: resolve(e.PARLEY_BACKUP_DIR ?? join(dataDir, 'backups')), keep: e.PARLEY_BACKUP_KEEP, daily: e.PARLEY_BACKUP_DAILY };
}
