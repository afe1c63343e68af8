/**
 * Kysely's SQLite dialect with every transaction begun IMMEDIATE, taking the write lock at
 * BEGIN rather than at the first write.
 *
 * A transaction begun DEFERRED reads from a snapshot; when another connection commits a
 * write before this one's first write, SQLite cannot upgrade the snapshot and answers
 * SQLITE_BUSY at once, without the busy timeout's wait. In one process that never happens
 * (Kysely runs one transaction at a time on the one connection), but a `parley worker`
 * beside `parley serve --services=web`, the CLI, or a second instance share the file: there
 * a ticket create that reads before it writes was refused with 503 whenever a job committed
 * in between. Begun IMMEDIATE, it waits its turn (busy_timeout) and is never refused for that.
 */
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

export class SqliteWriteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;

  constructor(database: SqliteDatabase) {
    super({ database });
    this.#database = database;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
