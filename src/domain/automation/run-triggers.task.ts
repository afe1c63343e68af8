import { z } from 'zod';
import { defineTask } from '../../jobs/define-task.ts';
import { findJob, type ClaimedJob } from '../../jobs/jobs.repo.ts';
import type { Db } from '../../db/client.ts';
import type { Subscription } from '../../jobs/subscriptions.ts';
import { runTriggers } from './run-triggers.ts';
import type { OpsDeps } from './ticket-ops.ts';
import { AUTOMATION_EVENTS, triggerTypeOf } from './trigger-types.ts';
import { hasActiveTrigger } from './triggers.repo.ts';
import type { EventName } from '../events/catalog.ts';
import type { Ctx } from '../shared/context.ts';

/** The automation engine's job: one per event a trigger may answer (trigger-types.ts). */
export const runTriggersTask = defineTask({
  name: 'automation.run_triggers',
  payload: z.looseObject({ eventId: z.number(), event: z.string(), subjectId: z.string() }),
  async run(deps: OpsDeps, p, job) {
    if (!job.tenantId) return;
    await runTriggers(deps, job.tenantId, { ...p, interruptedBefore: await retriedSince(deps.db, job.tenantId, job) });
  },
});

/**
 * On a retried job, when its current attempt was claimed (the row's updated_at, which the
 * claim sets): runs of its event still `running` and older than that were cut short
 * (run-triggers.ts). Undefined on a first attempt, which no earlier one can have left behind.
 */
async function retriedSince(db: Db, tenantId: string, job: ClaimedJob): Promise<string | undefined> {
  if (job.attempts <= 1) return undefined;
  return (await findJob(db, tenantId, job.id))?.updated_at;
}

/**
 * The engine's subscriptions (listed in jobs/subscriptions.ts). The task reads the event row
 * itself and needs only the job's eventId, which every event's job has; the Subscription type
 * pairs one event with a task typed for that event's payload alone, hence the cast.
 */
export const automationSubscriptions = AUTOMATION_EVENTS.map((event) => ({ event, task: runTriggersTask, when: tenantHasTriggersFor })) as unknown as Subscription[];

/** A job only when the tenant has an active trigger of the type the event fires (a trigger saved later answers later events). */
async function tenantHasTriggersFor(ctx: Ctx, event: EventName): Promise<boolean> {
  const type = triggerTypeOf(event);
  return type !== null && hasActiveTrigger(ctx.db, ctx.tenantId, type);
}
