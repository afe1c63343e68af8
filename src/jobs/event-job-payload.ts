import { z } from 'zod';
import { eventCatalog, type EventName, type EventPayload } from '../domain/events/catalog.ts';

/** What a job enqueued for an event carries (domain/events/record-event.ts writes it). */
export type EventJob<N extends EventName> = EventPayload<N> & { eventId: number; event: N; subjectId: string };

/** The payload schema of a task subscribed to `name`: its catalog payload and the event's id and subject. */
export function eventJobPayload<N extends EventName>(name: N) {
  return z.intersection(eventCatalog[name], z.object({ eventId: z.number(), event: z.literal(name), subjectId: z.string() }));
}
