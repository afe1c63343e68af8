/** The ticket list, a page of 50 at a time after the API's cursor. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, queryString } from '../../api/client.ts';
import type { TicketListQuery, TicketPage } from '../../api/types.ts';

export const ticketListKey = (filters: TicketListQuery) => ['tickets', 'list', filters] as const;

export function useTicketList(filters: TicketListQuery) {
  return useInfiniteQuery({
    queryKey: ticketListKey(filters),
    queryFn: ({ pageParam }) => api<TicketPage>('GET', `/tickets/${queryString({ ...filters, cursor: pageParam, limit: '50' })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}
