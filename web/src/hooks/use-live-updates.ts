/**
 * Live updates from GET /tickets/api/stream/ (docs/live-updates.md), written into the
 * query cache: a status or priority change patches the cached tickets in place; anything
 * else about a ticket re-reads that ticket and the lists (events never carry bodies); a
 * notification re-reads the bell; `reset` re-reads everything. One tab of the browser
 * holds the stream and shares its frames with the others (live-leader.ts); each tab
 * applies them to its own cache.
 */
import { useQueryClient, type InfiniteData, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventName } from '../../../src/domain/events/catalog.ts';
import { API } from '../api/client.ts';
import type { Ticket, TicketPage, TicketWithThread } from '../api/types.ts';
import { startLiveLink, type LiveFrame } from './live-leader.ts';

/** The catalog's events about a ticket (typed by the server's catalog: a renamed event stops the build). */
const TICKET_EVENTS = [
  'ticket.created', 'ticket.status_changed', 'ticket.priority_changed', 'ticket.assigned', 'ticket.department_changed',
  'ticket.subject_changed', 'ticket.category_changed', 'ticket.resolution_changed', 'ticket.tags_changed',
  'ticket.recipients_changed', 'message.created', 'note.created', 'message.delivery_failed',
] as const satisfies readonly EventName[];
const NOTIFICATION_EVENTS = ['notification.created'] as const satisfies readonly EventName[];
const EVENTS = [...TICKET_EVENTS, ...NOTIFICATION_EVENTS, 'ready', 'reset'];

/** The cache key of the bell (components/notification-bell*). */
export const notificationsKey = ['notifications'] as const;

interface TicketEvent { ticket_id?: string; old?: string; new?: string }

/** Patches one field of a ticket wherever the cache holds it (its page and every list page). */
function patchTicket(queryClient: QueryClient, id: string, patch: Partial<Ticket>) {
  queryClient.setQueryData<TicketWithThread>(['tickets', 'one', id], (t) => (t ? { ...t, ...patch } : t));
  queryClient.setQueriesData<InfiniteData<TicketPage>>({ queryKey: ['tickets', 'list'] }, (data) => data && {
    ...data, pages: data.pages.map((p) => ({ ...p, results: p.results.map((t) => (t.id === id ? { ...t, ...patch } : t)) })),
  });
}

function applyTicketEvent(queryClient: QueryClient, name: string, event: TicketEvent) {
  const id = event.ticket_id;
  if (!id) return;
  if (name === 'ticket.status_changed' && event.new) patchTicket(queryClient, id, { status: event.new as Ticket['status'] });
  else if (name === 'ticket.priority_changed' && event.new) patchTicket(queryClient, id, { priority: event.new as Ticket['priority'] });
  else void queryClient.invalidateQueries({ queryKey: ['tickets', 'one', id] });
  void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
}

function apply(queryClient: QueryClient, frame: LiveFrame) {
  if (frame.event === 'reset') {
    void queryClient.invalidateQueries({ queryKey: ['tickets'] });
    void queryClient.invalidateQueries({ queryKey: notificationsKey });
  } else if ((NOTIFICATION_EVENTS as readonly string[]).includes(frame.event)) {
    void queryClient.invalidateQueries({ queryKey: notificationsKey });
  } else if ((TICKET_EVENTS as readonly string[]).includes(frame.event)) {
    try { applyTicketEvent(queryClient, frame.event, JSON.parse(frame.data) as TicketEvent); } catch { /* a frame we cannot read: the next refetch heals it */ }
  }
}

const TABS_CHANNEL = 'parley-tabs';

/** Tells the person's other tabs that something they show changed here (read notifications, say): they re-read it. */
export function tellOtherTabs(queryKey: QueryKey): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(TABS_CHANNEL);
  channel.postMessage({ type: 'invalidate', queryKey });
  channel.close();
}

/** Listens while a signed-in page is shown (userId: the person signed in; null: nobody). */
export function useLiveUpdates(userId: string | null) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!userId || typeof EventSource === 'undefined') return undefined;
    const leave = startLiveLink({ url: `${API}/stream/`, name: `parley-live:${userId}`, events: EVENTS, onFrame: (frame) => apply(queryClient, frame) });
    const tabs = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(TABS_CHANNEL);
    tabs?.addEventListener('message', (e: MessageEvent<{ type?: string; queryKey?: QueryKey }>) => {
      if (e.data?.type === 'invalidate' && Array.isArray(e.data.queryKey)) void queryClient.invalidateQueries({ queryKey: e.data.queryKey });
    });
    return () => { leave(); tabs?.close(); };
  }, [userId, queryClient]);
}
