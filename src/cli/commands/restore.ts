import { resolve } from 'node:path';
import { loadConfig } from '../../config.ts';
import { BackupInvalidError } from '../../domain/backup/manifest.ts';
import { ToolMissingError } from '../../domain/backup/postgres-backup.ts';
import { restoreBackup } from '../../domain/backup/restore-backup.ts';
import { parseFlags } from '../args.ts';
import { EXIT, UsageError, type CliCommand } from '../command.ts';

/** Stands in for PARLEY_SECRET_KEY while reading the configuration, so that it writes no secret.key into the target. */
const PLACEHOLDER_KEY = 'restore-reads-the-configuration-only-0000';

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Restore a backup into an empty data directory and database',
  help: `Usage: parley restore <backup directory> [--data-dir DIR] [--force]

Restores a backup taken by "parley backup" or the daily backup: the database into the
one DATABASE_URL names (SQLite: by default DIR/parley.db; PostgreSQL: pg_restore into
that database, which must exist), the attachments (and the local secret key, if the
backup has one) into the data directory (--data-dir, default PARLEY_DATA_DIR).
Stop Parley first. Every file is checked against the backup's manifest before anything
is written, and again once restored, with the tickets, messages and attachments counted.
The data directory and the database must be empty; --force overwrites them (PostgreSQL:
empties the public schema first).

Exit codes: 0 restored, 1 failed or the target is not empty, 64 usage,
65 the backup is damaged or unusable (nothing was changed), 69 pg_restore missing,
78 bad configuration.`,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, { 'data-dir': { type: 'string' }, force: { type: 'boolean' } }, true);
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    if (positionals.length !== 1) throw new UsageError('give the backup directory to restore');
    const dataDir = resolve(values['data-dir'] ?? process.env.PARLEY_DATA_DIR ?? './data');
    const config = loadConfig({ ...process.env, PARLEY_DATA_DIR: dataDir, PARLEY_SECRET_KEY: process.env.PARLEY_SECRET_KEY ?? PLACEHOLDER_KEY });
    const backup = resolve(positionals[0]!);
    try {
      const manifest = await restoreBackup({ backup, dataDir, database: config.database, force: values.force });
      const c = manifest.counts;
      io.stdout.write(`Restored ${backup} (taken ${manifest.created_at}) into ${dataDir}\n  checked: ${c.tickets} tickets, ${c.messages} messages, ${c.attachments} attachments, ${Object.keys(manifest.files).length} files\n`);
      if (!manifest.files['secret.key'] && !process.env.PARLEY_SECRET_KEY) {
        io.stdout.write('  Start Parley with the PARLEY_SECRET_KEY the backed-up installation used: mailbox passwords and tokens are encrypted with it.\n');
      }
      return EXIT.ok;
    } catch (err) {
      io.stderr.write(`parley restore: ${err instanceof Error ? err.message : String(err)}\n`);
      if (err instanceof BackupInvalidError) return EXIT.dataErr;
      if (err instanceof ToolMissingError) return EXIT.unavailable;
      // A target that is not empty (TargetNotEmptyError) is refused like any other failure: nothing was written.
      return EXIT.failure;
    }
  },
};
