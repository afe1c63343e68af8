/**
 * The run-time half of the event catalog: TypeScript checks the payloads written in the
 * code, this checks the ones built from data (a spread of props, a row's columns).
 */
import { eventCatalog, isEventName } from './catalog.ts';

/** A payload that does not match the catalog: a programming error, never the user's. */
export class InvalidEventError extends Error {
  constructor(readonly eventName: string, reason: string) {
    super(`event ${eventName}: ${reason}`);
    this.name = 'InvalidEventError';
  }
}

/**
 * The payload as the catalog reads it (unknown keys dropped). In development and tests a
 * mismatch throws, so the bug shows at once and the transaction rolls back. In production
 * the change it describes has already been made and is more important than the shape of
 * its audit entry: the event is kept with the payload as given, and a warning is logged.
 */
export function checkEventPayload(name: string, payload: object, production = process.env.NODE_ENV === 'production'): object {
  const problem = (reason: string) => {
    const err = new InvalidEventError(name, reason);
    if (!production) throw err;
    console.warn(JSON.stringify({ level: 'warn', msg: 'event payload does not match the catalog; recorded as given', event: name, err: err.message }));
    return payload;
  };
  if (!isEventName(name)) return problem('not in the event catalog (src/domain/events/catalog.ts)');
  const parsed = eventCatalog[name].safeParse(payload);
  if (parsed.success) return parsed.data;
  return problem(parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; '));
}
