/**
 * Events are wired to tasks by name and by type: a task subscribed to an event must take
 * that event's job (the @ts-expect-error lines fail `tsc` if the check goes away).
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineTask } from './define-task.ts';
import { eventJobPayload } from './event-job-payload.ts';
import { subscribe, tasksFor, type Subscription } from './subscriptions.ts';

const onAssigned = defineTask({ name: 'test.on_assigned', payload: eventJobPayload('ticket.assigned'), run: async () => {} });
const onAnything = defineTask({ name: 'test.on_anything', payload: z.object({ eventId: z.number() }), run: async () => {} });

/** Never called: type-checked only. */
export function pairsAreTyped(): Subscription[] {
  // @ts-expect-error a ticket.assigned task cannot take ticket.created jobs
  subscribe('ticket.created', onAssigned);
  return [
    { event: 'ticket.assigned', task: onAssigned },
    { event: '*', task: onAnything },
    // @ts-expect-error nor can it be listed for them
    { event: 'ticket.created', task: onAssigned },
  ];
}

describe('subscriptions', () => {
  it('names the tasks of an event, once each, until unsubscribed', () => {
    const before = tasksFor('ticket.assigned');
    const off = [subscribe('ticket.assigned', onAssigned), subscribe('ticket.assigned', onAssigned), subscribe('*', onAnything)];
    expect(tasksFor('ticket.assigned')).toEqual([...before, 'test.on_assigned', 'test.on_anything']);
    expect(tasksFor('tag.deleted')).toContain('test.on_anything');
    expect(tasksFor('tag.deleted')).not.toContain('test.on_assigned');
    for (const f of off) f();
    expect(tasksFor('ticket.assigned')).toEqual(before);
  });

  it('the job a subscribed task gets is the event payload with its id, name and subject', () => {
    const job = { number: 'TK-1', old: null, new: 'u1', eventId: 7, event: 'ticket.assigned', subjectId: 't1' };
    expect(onAssigned.payload.parse(job)).toEqual(job);
    expect(onAssigned.payload.safeParse({ ...job, event: 'ticket.created' }).success).toBe(false);
  });
});
