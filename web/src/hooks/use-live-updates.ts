/**
 * Live updates from GET /tickets/api/stream/ (docs/live-updates.md), written into the
 * query cache: a status or priority change patches the cached tickets in place; anything
 * else about a ticket re-reads that ticket and the lists (events never carry bodies);
 * `reset` re-reads everything. The browser's EventSource reconnects and resumes by itself.
 * One stream per tab for now (the one-leader-tab scheme of the doc is still to come).
 */
import { useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventName } from '../../../src/domain/events/catalog.ts';
import { API } from '../api/client.ts';
import type { Ticket, TicketPage, TicketWithThread } from '../api/types.ts';

/** The catalog's events about a ticket (typed by the server's catalog: a renamed event stops the build). */
const TICKET_EVENTS = [
  'ticket.created', 'ticket.status_changed', 'ticket.priority_changed', 'ticket.assigned', 'ticket.department_changed',
  'ticket.subject_changed', 'ticket.category_changed', 'ticket.resolution_changed', 'ticket.tags_changed',
  'ticket.recipients_changed', 'message.created', 'note.created', 'message.delivery_failed',
] as const satisfies readonly EventName[];

interface TicketEvent { ticket_id?: string; old?: string; new?: string }

/** Patches one field of a ticket wherever the cache holds it (its page and every list page). */
function patchTicket(queryClient: QueryClient, id: string, patch: Partial<Ticket>) {
  queryClient.setQueryData<TicketWithThread>(['tickets', 'one', id], (t) => (t ? { ...t, ...patch } : t));
  queryClient.setQueriesData<InfiniteData<TicketPage>>({ queryKey: ['tickets', 'list'] }, (data) => data && {
    ...data, pages: data.pages.map((p) => ({ ...p, results: p.results.map((t) => (t.id === id ? { ...t, ...patch } : t)) })),
  });
}

function apply(queryClient: QueryClient, name: string, event: TicketEvent) {
  const id = event.ticket_id;
  if (!id) return;
  if (name === 'ticket.status_changed' && event.new) patchTicket(queryClient, id, { status: event.new as Ticket['status'] });
  else if (name === 'ticket.priority_changed' && event.new) patchTicket(queryClient, id, { priority: event.new as Ticket['priority'] });
  else void queryClient.invalidateQueries({ queryKey: ['tickets', 'one', id] });
  void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
}

/** Listens while a signed-in page is shown. */
export function useLiveUpdates(enabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(`${API}/stream/`, { withCredentials: true });
    for (const name of TICKET_EVENTS) {
      source.addEventListener(name, (e) => {
        try { apply(queryClient, name, JSON.parse((e as MessageEvent<string>).data) as TicketEvent); } catch { /* a frame we cannot read: the next refetch heals it */ }
      });
    }
    source.addEventListener('reset', () => void queryClient.invalidateQueries({ queryKey: ['tickets'] }));
    return () => source.close();
  }, [enabled, queryClient]);
}
