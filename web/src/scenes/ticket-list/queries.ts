/**
 * The list's data: the tickets (50 at a time after the API's cursor), the person's saved
 * views, the counts beside the views, the count of the filter shown, and bulk changes.
 * Counts live under ['tickets', 'counts']; they are re-read whenever the lists are
 * (live events invalidate ['tickets', 'list']: see useCountsFollowLists).
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, queryString } from '../../api/client.ts';
import type { TicketListQuery, TicketPage } from '../../api/types.ts';
import type { BulkBody, BulkResult, Count, SavedView, ViewCounts } from './types.ts';
import { filtersQuery, type Filters } from './use-list-filters.ts';

export const ticketListKey = (filters: TicketListQuery) => ['tickets', 'list', filters] as const;
const countsKey = ['tickets', 'counts'] as const;
const viewsKey = ['views'] as const;

export function useTicketList(filters: TicketListQuery) {
  return useInfiniteQuery({
    queryKey: ticketListKey(filters),
    queryFn: ({ pageParam }) => api<TicketPage>('GET', `/tickets/${queryString({ ...filters, cursor: pageParam, limit: '50' })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** The built-in views that apply to the person and the counts of all views; re-read with the lists. */
export function useViewCounts() {
  return useQuery({ queryKey: [...countsKey, 'views'], queryFn: () => api<ViewCounts>('GET', '/views/counts/'), refetchInterval: 120_000 });
}

/** How many tickets the filters shown match (for "Select all N matching"). */
export function useFilterCount(filters: Filters, enabled: boolean) {
  const { sort: _sort, ...rest } = filters;
  return useQuery({
    queryKey: [...countsKey, 'filter', rest], enabled,
    queryFn: () => api<Count & { cap: number }>('GET', `/tickets/count/${filtersQuery(rest)}`),
  });
}

/**
 * Keeps the counts as live as the lists: whenever a list is invalidated (a live event, a
 * change made here), the counts are too.
 */
export function useCountsFollowLists() {
  const queryClient = useQueryClient();
  useEffect(() => queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'invalidate' && event.query.queryKey[0] === 'tickets' && event.query.queryKey[1] === 'list') {
      void queryClient.invalidateQueries({ queryKey: countsKey });
    }
  }), [queryClient]);
}

export function useSavedViews(enabled = true) {
  return useQuery({ queryKey: viewsKey, queryFn: async () => (await api<{ results: SavedView[] }>('GET', '/views/')).results, enabled });
}

/** Save, rename, move or delete a view; the list of views and the counts are re-read after. */
export function useViewMutations() {
  const queryClient = useQueryClient();
  const settle = async () => {
    await queryClient.invalidateQueries({ queryKey: viewsKey });
    await queryClient.invalidateQueries({ queryKey: countsKey });
  };
  return {
    create: useMutation({ mutationFn: (b: { name: string; filters: Filters }) => api<SavedView>('POST', '/views/', b), onSuccess: settle }),
    rename: useMutation({ mutationFn: (b: { id: string; name: string }) => api<SavedView>('PATCH', `/views/${b.id}/`, { name: b.name }), onSuccess: settle }),
    remove: useMutation({ mutationFn: (id: string) => api<void>('DELETE', `/views/${id}/`), onSuccess: settle }),
    move: useMutation({ mutationFn: (b: { id: string; position: number }) => api<SavedView>('PATCH', `/views/${b.id}/`, { position: b.position }), onSuccess: settle }),
  };
}

/** The answer of a bulk change: done at once (200), or a job for a very large set (202). */
export type BulkOutcome = { done: BulkResult } | { job: string };

/** One change on many tickets; the lists and counts are re-read after. */
export function useBulkUpdate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: BulkBody): Promise<BulkOutcome> => {
      const answer = await api<BulkResult | { job_id: string }>('POST', '/tickets/bulk/', body);
      return 'job_id' in answer ? { job: answer.job_id } : { done: answer };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['tickets'] }),
  });
}
