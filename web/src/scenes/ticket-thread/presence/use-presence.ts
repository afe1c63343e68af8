/**
 * Who else of the staff is on this ticket (docs/presence.md): while the page is shown,
 * a heartbeat every 10 s (PUT …/presence/ with "viewing", or "replying" while the person
 * writes) answers the others; leaving the page says so (DELETE), and a closed tab is
 * forgotten by the server after 45 s. Customers take no part: for them it is always empty.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../../api/client.ts';
import { isStaff, useMe } from '../../../hooks/use-session.ts';

export interface PresentPerson { user_id: string; name: string; state: 'viewing' | 'replying' }

const HEARTBEAT_MS = 10_000;
const NOBODY: PresentPerson[] = [];

export function usePresence(ticketId: string, composing: boolean): { others: PresentPerson[] } {
  const staff = isStaff(useMe());
  const state = composing ? 'replying' : 'viewing';
  const beat = useQuery({
    queryKey: ['presence', ticketId, state],
    queryFn: () => api<{ others: PresentPerson[] }>('PUT', `/tickets/${ticketId}/presence/`, { state }),
    enabled: staff && ticketId !== '',
    refetchInterval: HEARTBEAT_MS,
    staleTime: 0,
    gcTime: 0,
    retry: false,
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    if (!staff || !ticketId) return undefined;
    return () => { void api('DELETE', `/tickets/${ticketId}/presence/`).catch(() => { /* the row expires anyway */ }); };
  }, [staff, ticketId]);
  return { others: beat.data?.others ?? NOBODY };
}
