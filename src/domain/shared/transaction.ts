/**
 * Runs a command's writes in one transaction. Nested calls join the outer one; work
 * registered with afterCommit() runs only once the outermost transaction commits, and
 * writes registered with beforeCommit() are made, in order, once the command's own work is
 * done and before it commits (the events of a transaction are written together so).
 */
import { sql } from 'kysely';
import { runTransaction, type RunTransactionOptions } from '../../db/group-commit.ts';
import { isTransientDatabaseError } from '../../db/transient-errors.ts';
import type { Ctx } from './context.ts';

export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>, options: RunTransactionOptions = {}): Promise<T> {
  if (ctx.afterCommit) return fn(ctx);
  const pending: Array<() => void> = [];
  const before: Array<() => Promise<void>> = [];
  const result = await runTransaction(ctx.db, async (trx) => {
    const value = await fn({ ...ctx, db: trx, afterCommit: pending, beforeCommit: before });
    // A write made here may register another (an event's job, say): run until none is left.
    for (let i = 0; i < before.length; i++) await before[i]();
    return value;
  }, options);
  for (const task of pending) task();
  return result;
}

/** Schedules work for after the surrounding transaction commits (now, outside one). */
export function afterCommit(ctx: Ctx, task: () => void): void {
  if (ctx.afterCommit) ctx.afterCommit.push(task);
  else task();
}

/** Schedules a write for the end of the surrounding transaction, before it commits (now, outside one). */
export async function beforeCommit(ctx: Ctx, write: () => Promise<void>): Promise<void> {
  if (ctx.beforeCommit) ctx.beforeCommit.push(write);
  else await write();
}

/**
 * Runs `fn` inside the surrounding transaction so that, when it throws, what it wrote is
 * undone and the rest of the transaction stands (SQL savepoints, on SQLite and PostgreSQL).
 * Its work registered for before and after commit is kept apart and dropped with it: events
 * it recorded are written before the savepoint is released, or not at all.
 */
export async function withSavepoint<T>(tx: Ctx, fn: (sp: Ctx) => Promise<T>): Promise<T> {
  if (!tx.afterCommit) throw new Error('withSavepoint runs inside inTransaction');
  // One name for all: savepoints nest, and RELEASE or ROLLBACK TO takes the innermost of
  // that name. (A name per call would also be a new statement to prepare and cache each time.)
  const name = sql.raw('parley_savepoint');
  const after: Array<() => void> = [];
  const before: Array<() => Promise<void>> = [];
  await sql`savepoint ${name}`.execute(tx.db);
  try {
    const value = await fn({ ...tx, afterCommit: after, beforeCommit: before });
    for (let i = 0; i < before.length; i++) await before[i]();
    await sql`release savepoint ${name}`.execute(tx.db);
    tx.afterCommit.push(...after);
    return value;
  } catch (err) {
    try {
      await sql`rollback to savepoint ${name}`.execute(tx.db);
      await sql`release savepoint ${name}`.execute(tx.db);
    } catch (undoErr) {
      // The transaction went with the error (SQLite ends it on a full disk, an I/O error):
      // that error is the one to report; any other failure to undo, with it as the cause.
      if (isTransientDatabaseError(err)) throw err;
      throw new Error(`could not undo a failed step: ${(undoErr as Error).message}`, { cause: err });
    }
    throw err;
  }
}
