import type { Updateable } from 'kysely';
import type { TicketsTable } from '../../db/schema.ts';
import { ValidationError } from '../shared/errors.ts';
import type { Status } from './ticket-values.ts';

/**
 * The transitions a change may make. `new` means nobody has acted on the ticket yet, so
 * a ticket that has left it never goes back (as in Zendesk); every other move is allowed.
 */
export function checkStatusTransition(from: string, to: Status): void {
  if (to === 'new' && from !== 'new') throw ValidationError.field('status', `cannot go back to new once the ticket is ${from.replace('_', ' ')}`);
}

/** The timestamps a status change sets or clears: resolving, closing, reopening. */
export function statusTimestamps(from: string, to: Status, now: string, current: { resolved_at: string | null }): Updateable<TicketsTable> {
  if (from === to) return {};
  if (to === 'resolved') return { resolved_at: now, closed_at: null };
  if (to === 'closed') return { closed_at: now, resolved_at: current.resolved_at ?? now };
  return { resolved_at: null, closed_at: null };
}
