/**
 * Writes a domain event (which is also the audit log entry) in the caller's
 * transaction, and one job per subscribed task, so side effects run after commit.
 */
import { insertJobs } from '../../jobs/jobs.repo.ts';
import { insertEvent } from './events.repo.ts';
import { tasksFor } from '../../jobs/subscriptions.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { afterCommit } from '../shared/transaction.ts';

export interface DomainEvent {
  name: string;
  subjectType: string;
  subjectId: string;
  payload: Record<string, unknown>;
}

export async function recordEvent(ctx: Ctx, event: DomainEvent): Promise<void> {
  const eventId = await insertEvent(ctx.db, {
    tenant_id: ctx.tenantId,
    name: event.name,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    actor_id: ctx.actor?.id ?? null,
    source: ctx.source,
    request_id: ctx.requestId,
    payload: JSON.stringify(event.payload),
    created_at: nowIso(),
  });
  const recorded = { id: eventId, tenantId: ctx.tenantId, name: event.name, subjectType: event.subjectType, subjectId: event.subjectId };
  if (ctx.onEventRecorded) afterCommit(ctx, () => ctx.onEventRecorded?.(recorded));
  const tasks = tasksFor(event.name, extraSubscriptions);
  if (tasks.length === 0) return;
  await insertJobs(ctx.db, tasks.map((name) => ({
    tenantId: ctx.tenantId,
    name,
    payload: { eventId, event: event.name, subjectId: event.subjectId, ...event.payload },
  })));
  afterCommit(ctx, ctx.onJobsEnqueued);
}

/** Subscriptions added at run time (tests, plugins); the static list is jobs/subscriptions.ts. */
const extraSubscriptions: Record<string, string[]> = {};
export function subscribe(eventName: string, taskName: string): () => void {
  (extraSubscriptions[eventName] ??= []).push(taskName);
  return () => {
    extraSubscriptions[eventName] = (extraSubscriptions[eventName] ?? []).filter((t) => t !== taskName);
  };
}
