/**
 * Writes a domain event (which is also the audit log entry) in the caller's
 * transaction, and one job per subscribed task, so side effects run after commit.
 */
import { insertJobs, type NewJob } from '../../jobs/jobs.repo.ts';
import { tasksToQueue } from '../../jobs/subscriptions.ts';
import { nowIso } from '../shared/clock.ts';
import { actorId, type Ctx } from '../shared/context.ts';
import { afterCommit } from '../shared/transaction.ts';
import type { EventName, EventPayload } from './catalog.ts';
import { insertEvents } from './events.repo.ts';
import { checkEventPayload } from './check-event-payload.ts';
import { queueWebhookDeliveries } from '../webhooks/queue-webhook-deliveries.ts';

/** One event of the catalog; with a union of names, each name keeps its own payload. */
export type DomainEvent<N extends EventName = EventName> = {
  [K in N]: { name: K; subjectType: string; subjectId: string; payload: EventPayload<K> };
}[N];

/** Records `event` in the transaction of `ctx`; its payload must match the catalog (see checkEventPayload). */
export async function recordEvent<N extends EventName>(ctx: Ctx, event: DomainEvent<N>): Promise<void> {
  // A DomainEvent<N> is one member of the DomainEvent union; the compiler cannot see that through the generic.
  await recordEvents(ctx, [event as DomainEvent]);
}

/**
 * Records several events at once, exactly as one recordEvent each would (same rows, same
 * jobs, same live notifications after commit), in two statements instead of two per event:
 * what a bulk change of thousands of tickets needs.
 */
export async function recordEvents(ctx: Ctx, events: DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const payloads = events.map((e) => checkEventPayload(e.name, e.payload));
  const now = nowIso();
  const ids = await insertEvents(ctx.db, events.map((e, i) => ({
    tenant_id: ctx.tenantId,
    name: e.name,
    subject_type: e.subjectType,
    subject_id: e.subjectId,
    actor_id: actorId(ctx.actor),
    source: ctx.source,
    request_id: ctx.requestId,
    payload: JSON.stringify(payloads[i]),
    created_at: now,
    ...(ctx.triggerChain?.length ? { trigger_chain: JSON.stringify(ctx.triggerChain) } : {}),
  })));
  const jobs: NewJob[] = [];
  const tasks = await tasksToQueue(ctx, events.map((e, i) => ({ name: e.name, subjectId: e.subjectId, payload: payloads[i] })));
  events.forEach((e, i) => {
    const recorded = { id: ids[i], tenantId: ctx.tenantId, name: e.name, subjectType: e.subjectType, subjectId: e.subjectId };
    if (ctx.onEventRecorded) afterCommit(ctx, () => ctx.onEventRecorded?.(recorded));
    for (const name of tasks.get(e.name) ?? []) jobs.push({ tenantId: ctx.tenantId, name, payload: { eventId: ids[i], event: e.name, subjectId: e.subjectId, ...payloads[i] } });
  });
  await queueWebhookDeliveries(ctx, events.map((e, i) => ({ id: ids[i], name: e.name, payload: payloads[i] })));
  if (jobs.length === 0) return;
  for (let at = 0; at < jobs.length; at += 500) await insertJobs(ctx.db, jobs.slice(at, at + 500));
  // One wake per commit, however many events of the transaction queued jobs.
  if (!ctx.afterCommit?.includes(ctx.onJobsEnqueued)) afterCommit(ctx, ctx.onJobsEnqueued);
}

/** Kept here for the tests that import it from this module; subscriptions live in jobs/subscriptions.ts. */
export { subscribe } from '../../jobs/subscriptions.ts';
