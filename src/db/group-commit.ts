/**
 * Group commit for SQLite: the transactions that wait for the one connection while another
 * runs join it, each in a savepoint of its own, and one COMMIT makes them all durable.
 *
 * On SQLite a commit writes every page the transaction changed to the log, and a ticket
 * touches forty-odd B-trees (the table, its indexes, the counters and the report rollup,
 * events, jobs, the search index): about 0.25–0.9 ms per commit, most of a small
 * transaction's cost. Consecutive tickets change mostly the same pages, so sixteen of them
 * committed together write about what two or three do apart.
 *
 * What each caller sees is unchanged: its work runs alone on the connection (one at a time,
 * as before), sees what earlier members wrote, and its promise settles only after the COMMIT
 * that holds it; until then nothing has been acknowledged. A member that throws is rolled
 * back to its savepoint and rejected without touching the others. When SQLite ends the whole
 * transaction by itself (disk full, I/O error), or the COMMIT fails, every member of the
 * batch is rejected with that error: none of them was acknowledged, none is half-written.
 * A batch takes members for at most `maxMs` from its start, so writes outside a transaction
 * queued behind it wait no longer than that (reads do not wait: sqlite-write-dialect.ts runs
 * them on a second connection, which is also what lets the requests that join a batch get
 * as far as their transaction while it is open).
 *
 * PostgreSQL needs none of this: its transactions run side by side on a pool.
 */
import { sql } from 'kysely';
import type { Db, Tx } from './client.ts';
import { TransactionEndedError } from './sqlite-write-dialect.ts';

export interface RunTransactionOptions {
  /**
   * A long transaction (a rebuild over every ticket): it commits on its own, so that the
   * transactions of others are neither held for its length nor failed with it.
   */
  alone?: boolean;
}

export interface GroupCommitOptions {
  /** Most members in one commit. */
  maxMembers?: number;
  /** How long after its start a batch stops taking members. */
  maxMs?: number;
}

type Work = (trx: Tx) => Promise<unknown>;
interface Member { work: Work; alone: boolean; resolve(value: unknown): void; reject(err: unknown): void }

const SAVEPOINT = sql.raw('parley_group_member');

class GroupCommitter {
  private readonly queue: Member[] = [];
  private draining = false;

  constructor(
    private readonly db: Db,
    /** Whether the connection is still in a transaction (SQLite may end one by itself on an error). */
    private readonly inTransaction: () => boolean,
    private readonly maxMembers: number,
    private readonly maxMs: number,
  ) {}

  run<T>(work: (trx: Tx) => Promise<T>, alone: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, alone, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) await this.commitBatch();
    } finally {
      this.draining = false;
    }
  }

  private async commitBatch(): Promise<void> {
    const joined: Array<{ member: Member; value: unknown }> = [];
    let running: Member | undefined = this.queue.shift()!;
    try {
      await this.db.transaction().execute(async (trx) => {
        // The first member needs no savepoint: if it fails, the transaction holds nothing else.
        const first = running!;
        joined.push({ member: first, value: await first.work(trx) });
        running = undefined;
        this.stillOpen();
        const deadline = performance.now() + this.maxMs;
        while (!first.alone && joined.length < this.maxMembers && performance.now() < deadline) {
          // Everything here settles as microtasks (SQLite answers at once): requests that came
          // in meanwhile are read only when the event loop turns. Let it, and take theirs too.
          if (this.queue.length === 0) await new Promise((resolve) => setImmediate(resolve));
          // A long one waits for the next batch, where it is alone.
          if (this.queue.length === 0 || this.queue[0].alone) break;
          const member = this.queue.shift()!;
          running = member;
          await sql`savepoint ${SAVEPOINT}`.execute(trx);
          try {
            const value = await member.work(trx);
            // A member that caught the error with which SQLite ended the transaction: stop
            // here, or later statements would run (and commit) outside of it.
            this.stillOpen();
            await sql`release savepoint ${SAVEPOINT}`.execute(trx);
            joined.push({ member, value });
          } catch (err) {
            // Gone with the whole transaction: the batch fails (below) with this error.
            if (!this.inTransaction()) throw err;
            await sql`rollback to savepoint ${SAVEPOINT}`.execute(trx);
            await sql`release savepoint ${SAVEPOINT}`.execute(trx);
            member.reject(err);
          }
          running = undefined;
        }
      });
    } catch (err) {
      running?.reject(err);
      for (const { member } of joined) member.reject(err);
      return;
    }
    for (const { member, value } of joined) member.resolve(value);
  }

  private stillOpen(): void {
    if (!this.inTransaction()) throw new TransactionEndedError();
  }
}

const committers = new WeakMap<Db, GroupCommitter>();

/** Makes transactions begun with runTransaction on `db` commit in groups (SQLite's one connection). */
export function enableGroupCommit(db: Db, inTransaction: () => boolean, options: GroupCommitOptions = {}): void {
  committers.set(db, new GroupCommitter(db, inTransaction, options.maxMembers ?? 64, options.maxMs ?? 10));
}

/**
 * Runs `work` in a transaction on `db`: grouped with others where enableGroupCommit was
 * called (SQLite), a transaction of its own otherwise. Resolves once it is committed.
 */
export function runTransaction<T>(db: Db, work: (trx: Tx) => Promise<T>, options: RunTransactionOptions = {}): Promise<T> {
  const committer = committers.get(db);
  return committer ? committer.run(work, options.alone ?? false) : db.transaction().execute(work);
}
