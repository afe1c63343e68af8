import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { parseFlags } from '../args.ts';
import type { CliCommand } from '../command.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Apply pending database migrations',
  help: `Usage: parley migrate

Applies every pending migration to the database of DATABASE_URL (or the SQLite file
in PARLEY_DATA_DIR). serve and worker do this at start too; it is safe to run twice.`,
  async run(args, io) {
    const { values } = parseFlags(args, {});
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    const handle = openDatabase(loadConfig().database);
    try {
      const applied = await migrateToLatest(handle);
      io.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
      return 0;
    } finally {
      await handle.close();
    }
  },
};
