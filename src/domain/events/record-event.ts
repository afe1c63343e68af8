/**
 * Writes a domain event (which is also the audit log entry) in the caller's
 * transaction, and one job per subscribed task, so side effects run after commit.
 */
import { insertJobs } from '../../jobs/jobs.repo.ts';
import { tasksFor } from '../../jobs/subscriptions.ts';
import { nowIso } from '../shared/clock.ts';
import { actorId, type Ctx } from '../shared/context.ts';
import { afterCommit } from '../shared/transaction.ts';
import type { EventName, EventPayload } from './catalog.ts';
import { insertEvent } from './events.repo.ts';
import { checkEventPayload } from './check-event-payload.ts';

/** One event of the catalog; with a union of names, each name keeps its own payload. */
export type DomainEvent<N extends EventName = EventName> = {
  [K in N]: { name: K; subjectType: string; subjectId: string; payload: EventPayload<K> };
}[N];

/** Records `event` in the transaction of `ctx`; its payload must match the catalog (see checkEventPayload). */
export async function recordEvent<N extends EventName>(ctx: Ctx, event: DomainEvent<N>): Promise<void> {
  const payload = checkEventPayload(event.name, event.payload);
  const eventId = await insertEvent(ctx.db, {
    tenant_id: ctx.tenantId,
    name: event.name,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    actor_id: actorId(ctx.actor),
    source: ctx.source,
    request_id: ctx.requestId,
    payload: JSON.stringify(payload),
    created_at: nowIso(),
  });
  const recorded = { id: eventId, tenantId: ctx.tenantId, name: event.name, subjectType: event.subjectType, subjectId: event.subjectId };
  if (ctx.onEventRecorded) afterCommit(ctx, () => ctx.onEventRecorded?.(recorded));
  const tasks = tasksFor(event.name);
  if (tasks.length === 0) return;
  await insertJobs(ctx.db, tasks.map((name) => ({
    tenantId: ctx.tenantId,
    name,
    payload: { eventId, event: event.name, subjectId: event.subjectId, ...payload },
  })));
  // One wake per commit, however many events of the transaction queued jobs.
  if (!ctx.afterCommit?.includes(ctx.onJobsEnqueued)) afterCommit(ctx, ctx.onJobsEnqueued);
}

/** Kept here for the tests that import it from this module; subscriptions live in jobs/subscriptions.ts. */
export { subscribe } from '../../jobs/subscriptions.ts';
