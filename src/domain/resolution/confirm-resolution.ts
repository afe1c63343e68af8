import { recordEvent } from '../events/record-event.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { loadVisibleTicket } from '../tickets/load-visible-ticket.ts';
import type { TicketRow } from '../tickets/tickets.repo.ts';
import { updateTicket } from '../tickets/update-ticket.ts';

export type ConfirmedVia = 'link' | 'portal' | 'mail' | 'api';

/** Records that the requester confirmed the resolution `t` stood at (the caller closed it). */
export async function recordResolutionConfirmed(tx: Ctx, t: TicketRow, via: ConfirmedVia): Promise<void> {
  await recordEvent(tx, {
    name: 'ticket.resolution_confirmed', subjectType: 'ticket', subjectId: t.id,
    payload: { number: t.number, resolved_at: t.resolved_at ?? '', via },
  });
}

export interface ResolutionProps {
  via: ConfirmedVia;
  /** The resolution a link stands for: refused when the ticket has moved on since. */
  resolvedAt?: string;
}

/**
 * The requester says the resolution solved it: the ticket closes through the ticket
 * commands (status rules, thread line, ticket.status_changed), and ticket.resolution_confirmed
 * is recorded in the same transaction. Only a resolved ticket can be confirmed (409 otherwise).
 */
export async function confirmResolution(ctx: Ctx, ticketId: string, p: ResolutionProps): Promise<TicketRow> {
  return inTransaction(ctx, async (tx) => {
    const t = await waitingTicket(tx, ticketId, p);
    const closed = await updateTicket(tx, t.id, { status: 'closed' });
    await recordResolutionConfirmed(tx, t, p.via);
    return closed;
  });
}

/** The resolution did not solve it: the ticket opens again (ticket.status_changed from resolved). */
export async function reopenResolution(ctx: Ctx, ticketId: string, p: ResolutionProps): Promise<TicketRow> {
  return inTransaction(ctx, async (tx) => {
    const t = await waitingTicket(tx, ticketId, p);
    return updateTicket(tx, t.id, { status: 'open' });
  });
}

async function waitingTicket(tx: Ctx, ticketId: string, p: ResolutionProps): Promise<TicketRow> {
  const t = await loadVisibleTicket(tx, ticketId);
  if (t.status !== 'resolved' || (p.resolvedAt !== undefined && t.resolved_at !== p.resolvedAt)) {
    throw new ConflictError(`This ticket is ${t.status.replace('_', ' ')}: there is no resolution waiting for confirmation.`);
  }
  return t;
}
