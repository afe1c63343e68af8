/**
 * Runs a command's writes in one transaction. Nested calls join the outer one; work
 * registered with afterCommit() runs only once the outermost transaction commits.
 */
import type { Ctx } from './context.ts';

export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.afterCommit) return fn(ctx);
  const pending: Array<() => void> = [];
  const result = await ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx, afterCommit: pending }));
  for (const task of pending) task();
  return result;
}

/** Schedules work for after the surrounding transaction commits (now, outside one). */
export function afterCommit(ctx: Ctx, task: () => void): void {
  if (ctx.afterCommit) ctx.afterCommit.push(task);
  else task();
}
