/**
 * The events of a change to a ticket: one per thing that happened, each named for it
 * (`ticket.assigned`, `ticket.status_changed`, …) with the old and the new value, in
 * the order a person reads them. Used by every command that changes a ticket's fields.
 */
import { recordEvents, type DomainEvent } from '../events/record-event.ts';
import type { Ctx } from '../shared/context.ts';
import type { TicketRow } from './tickets.repo.ts';

export interface Change<T> { old: T; new: T }

/** What changed on a ticket; a field is present only when its value differs. */
export interface TicketChanges {
  subject?: Change<string>;
  status?: Change<string>;
  priority?: Change<string>;
  category?: Change<string | null>;
  resolution?: Change<string | null>;
  department_id?: Change<number>;
  assignee_id?: Change<string | null>;
  tags?: Change<string[]>;
  recipients?: Change<string[]>;
}

/** Records one event per entry of `changes` on ticket `t`, in the caller's transaction. */
export async function recordTicketChanges(tx: Ctx, t: Pick<TicketRow, 'id' | 'number'>, changes: TicketChanges): Promise<void> {
  await recordEvents(tx, ticketChangeEvents(t, changes));
}

/** The events of `changes` on ticket `t`, in order (bulk changes record many tickets' at once). */
export function ticketChangeEvents(t: Pick<TicketRow, 'id' | 'number'>, changes: TicketChanges): DomainEvent[] {
  const on = { subjectType: 'ticket', subjectId: t.id };
  const of = <T>(c: Change<T>) => ({ number: t.number, old: c.old, new: c.new });
  const c = changes;
  const out: DomainEvent[] = [];
  if (c.subject) out.push({ ...on, name: 'ticket.subject_changed', payload: of(c.subject) });
  if (c.status) out.push({ ...on, name: 'ticket.status_changed', payload: of(c.status) });
  if (c.priority) out.push({ ...on, name: 'ticket.priority_changed', payload: of(c.priority) });
  if (c.department_id) out.push({ ...on, name: 'ticket.department_changed', payload: of(c.department_id) });
  if (c.assignee_id) out.push({ ...on, name: 'ticket.assigned', payload: of(c.assignee_id) });
  if (c.category) out.push({ ...on, name: 'ticket.category_changed', payload: of(c.category) });
  if (c.resolution) out.push({ ...on, name: 'ticket.resolution_changed', payload: of(c.resolution) });
  if (c.tags) out.push({ ...on, name: 'ticket.tags_changed', payload: of(c.tags) });
  if (c.recipients) out.push({ ...on, name: 'ticket.recipients_changed', payload: of(c.recipients) });
  return out;
}
