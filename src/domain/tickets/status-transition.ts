import type { Updateable } from 'kysely';
import type { TicketsTable } from '../../db/schema.ts';
import type { Status } from './ticket-values.ts';

/** The timestamps a status change sets or clears: resolving, closing, reopening. */
export function statusTimestamps(from: string, to: Status, now: string, current: { resolved_at: string | null }): Updateable<TicketsTable> {
  if (from === to) return {};
  if (to === 'resolved') return { resolved_at: now, closed_at: null };
  if (to === 'closed') return { closed_at: now, resolved_at: current.resolved_at ?? now };
  return { resolved_at: null, closed_at: null };
}
