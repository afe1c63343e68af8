/** A ticket's SLA fields as the API shows them (docs/sla.md): due times, breach flags, whether the clocks stand still. */
import type { TicketRow } from '../tickets/tickets.repo.ts';

const passed = (due: string | null, now: number) => due !== null && Date.parse(due) <= now;

export function presentTicketSla(t: TicketRow, now = Date.now()) {
  return {
    first_response_due_at: t.first_response_due_at,
    resolution_due_at: t.resolution_due_at,
    first_response_breached: t.first_response_breached_at !== null || passed(t.first_response_due_at, now),
    resolution_breached: t.resolution_breached_at !== null || passed(t.resolution_due_at, now),
    /** Waiting on the customer or on hold under a policy that pauses then: no due time until the clock runs again. */
    sla_paused: (t.status === 'pending' || t.status === 'on_hold') && t.resolution_due_at === null && t.resolution_breached_at === null,
  };
}
