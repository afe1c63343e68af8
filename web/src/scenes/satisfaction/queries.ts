/** A ticket's resolution and satisfaction (GET/POST …/satisfaction/, POST …/confirm-resolution/, docs/satisfaction.md). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import type { ratingSchema, ticketSatisfactionSchema } from '../../../../src/http/schemas/satisfaction.schema.ts';
import { ticketKey } from '../ticket-thread/queries.ts';

export type TicketSatisfaction = z.output<typeof ticketSatisfactionSchema>;
export type Rating = z.output<typeof ratingSchema>;

export const satisfactionKey = (id: string) => ['tickets', 'satisfaction', id] as const;

export function useSatisfaction(ticketId: string, status: string) {
  // The status is part of the key: resolving, confirming or reopening asks again.
  return useQuery({ queryKey: [...satisfactionKey(ticketId), status], queryFn: () => api<TicketSatisfaction>('GET', `/tickets/${ticketId}/satisfaction/`) });
}

function useRefresh(ticketId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([
    queryClient.invalidateQueries({ queryKey: satisfactionKey(ticketId) }),
    queryClient.invalidateQueries({ queryKey: ticketKey(ticketId) }),
    queryClient.invalidateQueries({ queryKey: ['tickets'] }),
  ]);
}

/** The requester confirms the resolution: the ticket closes (ticket.resolution_confirmed). */
export function useConfirmResolution(ticketId: string) {
  const refresh = useRefresh(ticketId);
  return useMutation({ mutationFn: () => api<TicketSatisfaction>('POST', `/tickets/${ticketId}/confirm-resolution/`), onSettled: refresh });
}

export function useRate(ticketId: string) {
  const refresh = useRefresh(ticketId);
  return useMutation({
    mutationFn: (body: { rating: number; comment: string | null }) => api<Rating>('POST', `/tickets/${ticketId}/satisfaction/`, body),
    onSettled: refresh,
  });
}
