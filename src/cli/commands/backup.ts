import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { loadConfig } from '../../config.ts';
import { backupOptions } from '../../domain/backup/backup-options.ts';
import { createBackup } from '../../domain/backup/create-backup.ts';
import { ToolMissingError } from '../../domain/backup/postgres-backup.ts';
import { parseFlags } from '../args.ts';
import { EXIT, type CliCommand, type CliIO } from '../command.ts';
import { withRuntime } from '../with-runtime.ts';

/** `--to` naming a file of these kinds keeps the first behaviour: a copy of the SQLite database alone. */
const SINGLE_FILE = /\.(db|sqlite3?)$/i;

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Back up the whole installation (database, attachments) while Parley runs',
  help: `Usage: parley backup [--to DIR]

Takes a backup of the whole installation, every tenant: a directory parley-<time>
inside DIR (default: PARLEY_BACKUP_DIR, else PARLEY_DATA_DIR/backups) holding the
database, the attachments and manifest.json (counts, migration level, the sha-256 of
every file). The server may keep running.
  SQLite: the online backup API.
  PostgreSQL: pg_dump --format=custom, which must be on PATH (the PostgreSQL client
  tools of the server's version); without it the command exits 69 saying what to install.
Manual backups are never rotated; the daily one is (PARLEY_BACKUP_KEEP).
Restore with: parley restore <backup directory>   (see docs/operations.md)

--to FILE.db (or .sqlite): the former behaviour, a copy of the SQLite database alone,
without the attachments.

Exit codes: 0 done, 1 failed, 69 pg_dump missing, 78 bad configuration.`,
  async run(args, io) {
    const { values } = parseFlags(args, { to: { type: 'string' } });
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    const config = loadConfig();
    if (values.to && SINGLE_FILE.test(values.to)) return copySqliteFile(config.database, resolve(values.to), io);
    const into = resolve(values.to ?? backupOptions(config.dataDir).dir);
    return withRuntime(async (rt) => {
      try {
        const { path, manifest } = await createBackup({ db: rt.db, database: config.database, dataDir: config.dataDir, into, trigger: 'manual' });
        const c = manifest.counts;
        io.stdout.write(`Backed up to ${path}\n  ${c.tenants} tenants, ${c.tickets} tickets, ${c.messages} messages, ${c.attachments} attachments; ${Object.keys(manifest.files).length} files, migration ${manifest.database.migration}\n`);
        return EXIT.ok;
      } catch (err) {
        io.stderr.write(`parley backup: ${err instanceof Error ? err.message : String(err)}\n`);
        return err instanceof ToolMissingError ? EXIT.unavailable : EXIT.failure;
      }
    });
  },
};

/** The first `parley backup`: an online copy of the SQLite file, nothing else. */
async function copySqliteFile(database: ReturnType<typeof loadConfig>['database'], target: string, io: CliIO): Promise<number> {
  if (database.dialect === 'postgres') {
    io.stderr.write('parley: the database is PostgreSQL, it has no .db file to copy: run "parley backup --to DIR" (it uses pg_dump), or pg_dump yourself:\n  pg_dump --format=custom --file=parley.dump "$DATABASE_URL"\n');
    return EXIT.unavailable;
  }
  mkdirSync(dirname(target), { recursive: true });
  const db = new SqliteDatabase(database.file, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  io.stdout.write(`Backed up ${database.file} to ${target} (the database only: copy PARLEY_DATA_DIR/attachments too, or use --to DIR)\n`);
  return EXIT.ok;
}
