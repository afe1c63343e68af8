import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { malformed, type TaskDefinition } from './define-task.ts';
import { insertJobs } from './jobs.repo.ts';

export interface EnqueueOptions { runAt?: Date; maxAttempts?: number; uniqueKey?: string }

/** Where a job is enqueued: a command's ctx (in its transaction), or any db with the tenant (null: global). */
export interface EnqueueCtx {
  db: Db;
  tenantId: string | null;
  onJobsEnqueued: () => void;
  afterCommit?: Array<() => void>;
}

/**
 * Queues one job of `task`, in the caller's transaction when there is one, and wakes the
 * worker after commit. The payload is typed by the task and checked now, so a bad one
 * fails the command that queued it rather than the job, later, far from its cause.
 */
export async function enqueueTask<P extends z.ZodType>(ctx: EnqueueCtx, task: TaskDefinition<P, never>, payload: z.input<P>, o: EnqueueOptions = {}): Promise<void> {
  const checked = task.payload.safeParse(payload);
  if (!checked.success) throw new Error(malformed(task.name, checked.error));
  await insertJobs(ctx.db, [{ tenantId: ctx.tenantId, name: task.name, payload, ...o }]);
  if (!ctx.afterCommit) ctx.onJobsEnqueued();
  else if (!ctx.afterCommit.includes(ctx.onJobsEnqueued)) ctx.afterCommit.push(ctx.onJobsEnqueued);
}
