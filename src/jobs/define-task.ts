/**
 * A task is a named unit of background work with a typed payload. Each is declared once
 * with defineTask() next to its code and listed in jobs/tasks/index.ts; its payload is
 * checked when the job runs, so a malformed job fails with a clear reason instead of
 * doing something half right.
 */
import type { z } from 'zod';
import type { ClaimedJob } from './jobs.repo.ts';

export interface TaskDefinition<P extends z.ZodType = z.ZodType, D = unknown> {
  /** The job name: stable, `<area>.<verb>` (renaming one strands queued jobs). */
  name: string;
  payload: P;
  run(deps: D, payload: z.infer<P>, job: ClaimedJob): Promise<void>;
}

export function defineTask<P extends z.ZodType, D>(def: TaskDefinition<P, D>): TaskDefinition<P, D> {
  return def;
}

/** The worker's function for a task: the payload checked, then the task run. */
export function bindTask<P extends z.ZodType, D>(def: TaskDefinition<P, D>, deps: D) {
  return async (job: ClaimedJob): Promise<void> => {
    const parsed = def.payload.safeParse(job.payload);
    if (!parsed.success) throw new Error(malformed(def.name, parsed.error));
    await def.run(deps, parsed.data, job);
  };
}

/** The reason a payload was refused, field by field: "the payload of mail.process is malformed: inboundId: Invalid input: …". */
export function malformed(taskName: string, error: z.ZodError): string {
  return `the payload of ${taskName} is malformed: ${error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')}`;
}
