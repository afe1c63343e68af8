/**
 * Kysely's SQLite dialect with two changes: every transaction begins IMMEDIATE, and reads
 * outside a transaction may run on a second connection.
 *
 * IMMEDIATE: a transaction begun DEFERRED reads from a snapshot; when another connection
 * commits a write before this one's first write, SQLite cannot upgrade the snapshot and
 * answers SQLITE_BUSY at once, without the busy timeout's wait. In one process that never
 * happens (one transaction at a time on the one write connection), but a `parley worker`
 * beside `parley serve --services=web`, the CLI, or a second instance share the file: there
 * a ticket create that reads before it writes was refused with 503 whenever a job committed
 * in between. Begun IMMEDIATE, it waits its turn (busy_timeout) and is never refused for that.
 *
 * The reader: the write connection serves one transaction at a time, and while one is open
 * every other query waits for it. A SELECT outside a transaction needs none of that: in WAL
 * mode a second connection reads the last committed state beside an open transaction. So
 * such reads go to the reader, and a request can authenticate and load what it needs while
 * another's transaction (or a group of them, group-commit.ts) is open. Whether a statement
 * only reads is SQLite's own answer (sqlite3_stmt_readonly), not a guess from its text.
 * Inside a transaction everything runs on the write connection, so a transaction sees its
 * own writes. Without a reader (an in-memory database) all runs on the one connection.
 */
import type { Database as SqliteDatabase, RunResult } from 'better-sqlite3';
import {
  CompiledQuery, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type DatabaseConnection, type DatabaseIntrospector,
  type Dialect, type DialectAdapter, type Driver, type Kysely, type QueryCompiler, type QueryResult,
} from 'kysely';

/**
 * SQLite ended the transaction before its COMMIT (disk full, I/O error) and the error was
 * caught on the way: a statement now would run outside it, committed on its own. Refused.
 */
export class TransactionEndedError extends Error {
  readonly code = 'PARLEY_TRANSACTION_ENDED';
  constructor() {
    super('SQLite ended the transaction before its commit (a disk-full or I/O error was caught on the way); its work is not committed: retry');
    this.name = 'TransactionEndedError';
  }
}

/** Reads that only the write connection can answer: its temporary tables, its counters, its settings. */
const WRITER_STATE = /\btemp\.|\bpragma\b|\bchanges\s*\(|last_insert_rowid\s*\(|total_changes\s*\(/i;

export class SqliteWriteDialect implements Dialect {
  constructor(private readonly writer: SqliteDatabase, private readonly reader?: SqliteDatabase) {}

  createDriver(): Driver {
    return new SqliteWriteDriver(new Statements(this.writer), this.reader && new Statements(this.reader));
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** Waiters take the lock in the order they asked for it. */
class Mutex {
  private locked = false;
  private readonly waiting: Array<() => void> = [];

  async lock(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  unlock(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.locked = false;
  }
}

/** What Kysely holds for one query or one transaction; the driver decides where each statement runs. */
class RoutedConnection implements DatabaseConnection {
  /** In a transaction: holds the write lock, and every statement runs on the writer. */
  inTransaction = false;

  constructor(private readonly driver: SqliteWriteDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute(this, query);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not used on SQLite here');
  }
}

class SqliteWriteDriver implements Driver {
  private readonly lock = new Mutex();

  constructor(private readonly writer: Statements, private readonly reader: Statements | undefined) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }

  async execute<R>(connection: RoutedConnection, query: CompiledQuery): Promise<QueryResult<R>> {
    if (connection.inTransaction) {
      if (!this.writer.db.inTransaction) throw new TransactionEndedError();
      return run<R>(this.writer, query);
    }
    const statement = this.writer.get(query.sql);
    if (this.reader && statement.readsCommitted) {
      try {
        return await run<R>(this.reader, query);
      } catch (err) {
        // A table the writer has and the reader cannot see (a temporary one): ask the writer.
        if (!/no such table/i.test(String((err as Error).message))) throw err;
      }
    }
    await this.lock.lock();
    try {
      return run<R>(this.writer, query, statement);
    } finally {
      this.lock.unlock();
    }
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await this.lock.lock();
    try {
      await run(this.writer, CompiledQuery.raw('begin immediate'));
    } catch (err) {
      this.lock.unlock();
      throw err;
    }
    (connection as RoutedConnection).inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // A failed COMMIT leaves the transaction open: Kysely rolls it back next, still holding the lock.
    await run(this.writer, CompiledQuery.raw('commit'));
    this.end(connection as RoutedConnection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      // SQLite ends a transaction by itself on some errors (disk full, I/O error): a ROLLBACK
      // then fails with "no transaction is active" and would hide the error that matters.
      if (this.writer.db.inTransaction) await run(this.writer, CompiledQuery.raw('rollback'));
    } finally {
      this.end(connection as RoutedConnection);
    }
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await run(this.writer, CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await run(this.writer, CompiledQuery.raw(`rollback to savepoint "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await run(this.writer, CompiledQuery.raw(`release savepoint "${name}"`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // A transaction neither committed nor rolled back (cannot happen through Kysely): never keep the lock.
    this.end(connection as RoutedConnection);
  }

  async destroy(): Promise<void> {
    this.reader?.db.close();
    this.writer.db.close();
  }

  private end(connection: RoutedConnection): void {
    if (!connection.inTransaction) return;
    connection.inTransaction = false;
    this.lock.unlock();
  }
}

function run<R>(statements: Statements, query: CompiledQuery, prepared?: Prepared): Promise<QueryResult<R>> {
  const statement = prepared ?? statements.get(query.sql);
  if (statement.reader) return Promise.resolve({ rows: statement.all(query.parameters) as R[] });
  const { changes, lastInsertRowid } = statement.run(query.parameters);
  return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
}

interface Prepared {
  /** It returns rows. */
  reader: boolean;
  /** A read any connection answers alike: returns rows, changes nothing (sqlite3_stmt_readonly), needs no state of its connection. */
  readsCommitted: boolean;
  all(parameters: readonly unknown[]): unknown[];
  run(parameters: readonly unknown[]): RunResult;
}

/**
 * One connection's statements, prepared once per SQL text and kept (Kysely prepares every
 * query anew, and preparing costs more than running most of ours), with JS booleans bound
 * as 0/1 (better-sqlite3 refuses them).
 */
class Statements {
  private readonly cache = new Map<string, Prepared>();

  constructor(readonly db: SqliteDatabase) {}

  get(source: string): Prepared {
    let prepared = this.cache.get(source);
    if (!prepared) {
      const statement = this.db.prepare(source);
      prepared = {
        reader: statement.reader,
        readsCommitted: statement.reader && statement.readonly && !WRITER_STATE.test(source),
        all: (parameters) => statement.all(bindable(parameters)),
        run: (parameters) => statement.run(bindable(parameters)),
      };
      if (this.cache.size >= 1000) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(source, prepared);
    }
    return prepared;
  }
}

const bindable = (parameters: readonly unknown[]) => parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
