import { resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { loadConfig } from '../../config.ts';
import { parseFlags } from '../args.ts';
import type { CliCommand } from '../command.ts';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Copy the SQLite database to a file while Parley runs',
  help: `Usage: parley backup [--to FILE]

SQLite: takes an online, consistent backup (the server may keep running) to FILE
(default: ./data/backups/parley-<timestamp>.db). Attachments live in
PARLEY_DATA_DIR/attachments: copy that folder too (it is append-only).
PostgreSQL: use pg_dump, e.g.  pg_dump --format=custom --file=parley.dump "$DATABASE_URL"`,
  async run(args, io) {
    const { values } = parseFlags(args, { to: { type: 'string' } });
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    const config = loadConfig();
    if (config.database.dialect === 'postgres') {
      io.stderr.write('parley: the database is PostgreSQL; back it up with pg_dump:\n  pg_dump --format=custom --file=parley.dump "$DATABASE_URL"\n');
      return 69;
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target = resolve(values.to ?? `${config.dataDir}/backups/parley-${stamp}.db`);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(resolve(target, '..'), { recursive: true });
    const db = new SqliteDatabase(config.database.file, { readonly: true, fileMustExist: true });
    try {
      await db.backup(target);
    } finally {
      db.close();
    }
    io.stdout.write(`Backed up ${config.database.file} to ${target}\n`);
    return 0;
  },
};
