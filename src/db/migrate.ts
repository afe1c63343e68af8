/** Applies pending migrations; safe to call at every start (an advisory lock guards PostgreSQL). */
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { DatabaseHandle } from './client.ts';
import { migrations } from './migrations/index.ts';

export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of migrations) out[name] = { up: (db) => m.up(db, handle.dialect) };
      return out;
    },
  };
  const migrator = new Migrator({ db: handle.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
