/**
 * Writes a domain event (which is also the audit log entry) in the caller's
 * transaction, and one job per subscribed task, so side effects run after commit.
 */
import { insertJobs, type NewJob } from '../../jobs/jobs.repo.ts';
import { tasksToQueue } from '../../jobs/subscriptions.ts';
import { nowIso } from '../shared/clock.ts';
import { actorId, type Ctx } from '../shared/context.ts';
import { afterCommit, beforeCommit } from '../shared/transaction.ts';
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
 *
 * Inside a transaction the payloads are checked now and the events written at its end,
 * together with every other event it records (a new ticket's `ticket.created` and its
 * opening `message.created`, an automation action's changes…): one insert of events, one
 * look for webhooks, one insert of jobs per transaction, in the order recorded. Nothing in
 * a transaction reads back the events it recorded; jobs and live updates see them after commit.
 */
export async function recordEvents(ctx: Ctx, events: DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const checked = events.map((e) => ({ ...e, payload: checkEventPayload(e.name, e.payload) }) as DomainEvent);
  const buffer = ctx.beforeCommit ? bufferOf(ctx.beforeCommit) : null;
  if (!buffer) return writeEvents(ctx, checked);
  if (buffer.length === 0) await beforeCommit(ctx, () => flush(buffer));
  buffer.push({ ctx, events: checked });
}

/** The events a transaction recorded and has not written yet, by its beforeCommit list. */
const buffers = new WeakMap<object, Array<{ ctx: Ctx; events: DomainEvent[] }>>();

function bufferOf(transaction: object): Array<{ ctx: Ctx; events: DomainEvent[] }> {
  let buffer = buffers.get(transaction);
  if (!buffer) buffers.set(transaction, (buffer = []));
  return buffer;
}

/** Writes what was recorded, in order, one batch per run of events recorded by the same hand (tenant, actor, source, request, trigger chain). */
async function flush(buffer: Array<{ ctx: Ctx; events: DomainEvent[] }>): Promise<void> {
  const entries = buffer.splice(0);
  const who = (c: Ctx) => JSON.stringify([c.tenantId, actorId(c.actor), c.source, c.requestId, c.triggerChain ?? null]);
  for (let i = 0; i < entries.length;) {
    const key = who(entries[i].ctx);
    const batch: DomainEvent[] = [];
    let j = i;
    for (; j < entries.length && who(entries[j].ctx) === key; j++) batch.push(...entries[j].events);
    // In slices, as a bulk change records them: the `when` of a task gets at most 500 at a time.
    for (let at = 0; at < batch.length; at += 500) await writeEvents(entries[i].ctx, batch.slice(at, at + 500));
    i = j;
  }
}

async function writeEvents(ctx: Ctx, events: DomainEvent[]): Promise<void> {
  const now = nowIso();
  const ids = await insertEvents(ctx.db, events.map((e) => ({
    tenant_id: ctx.tenantId,
    name: e.name,
    subject_type: e.subjectType,
    subject_id: e.subjectId,
    actor_id: actorId(ctx.actor),
    source: ctx.source,
    request_id: ctx.requestId,
    payload: JSON.stringify(e.payload),
    created_at: now,
    ...(ctx.triggerChain?.length ? { trigger_chain: JSON.stringify(ctx.triggerChain) } : {}),
  })));
  const jobs: NewJob[] = [];
  const tasks = await tasksToQueue(ctx, events.map((e) => ({ name: e.name, subjectId: e.subjectId, payload: e.payload })));
  events.forEach((e, i) => {
    const recorded = { id: ids[i], tenantId: ctx.tenantId, name: e.name, subjectType: e.subjectType, subjectId: e.subjectId };
    if (ctx.onEventRecorded) afterCommit(ctx, () => ctx.onEventRecorded?.(recorded));
    for (const name of tasks.get(e.name) ?? []) jobs.push({ tenantId: ctx.tenantId, name, payload: { eventId: ids[i], event: e.name, subjectId: e.subjectId, ...(e.payload as object) } });
  });
  await queueWebhookDeliveries(ctx, events.map((e, i) => ({ id: ids[i], name: e.name, payload: e.payload })));
  if (jobs.length === 0) return;
  for (let at = 0; at < jobs.length; at += 500) await insertJobs(ctx.db, jobs.slice(at, at + 500));
  // One wake per commit, however many events of the transaction queued jobs.
  if (!ctx.afterCommit?.includes(ctx.onJobsEnqueued)) afterCommit(ctx, ctx.onJobsEnqueued);
}

/** Kept here for the tests that import it from this module; subscriptions live in jobs/subscriptions.ts. */
export { subscribe } from '../../jobs/subscriptions.ts';
