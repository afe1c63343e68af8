/**
 * The list's filters live in the address (?status=…&sort=…), so any view can be
 * bookmarked and shared, and a saved view is just these parameters under a name.
 */
import { useSearchParams } from 'react-router';
import type { TicketListQuery } from '../../api/types.ts';

/** Every filter and the sort of GET /tickets/api/tickets/ (not its paging). */
export const FILTER_KEYS = [
  'status', 'priority', 'department', 'assignee', 'requester', 'organisation', 'tag', 'category', 'channel',
  'created_after', 'created_before', 'updated_after', 'updated_before', 'search', 'sla', 'sla_due_within', 'sort',
] as const satisfies ReadonlyArray<keyof TicketListQuery>;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** The filters in a query string (unknown parameters and empty values left out). */
export function filtersFrom(params: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** The query string of some filters, in a stable order ("?a=1&b=2", or "" for none). */
export function filtersQuery(filters: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) q.set(key, filters[key]);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Whether two sets of filters show the same tickets (the sort aside: a view re-sorted is still that view). */
export function sameFilters(a: Record<string, string | undefined>, b: Record<string, string | undefined>): boolean {
  return FILTER_KEYS.every((k) => k === 'sort' || (a[k] || '') === (b[k] || ''));
}

export function useListFilters() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const setFilter = (key: FilterKey, value: string) => {
    // From the address as it is now, not as it was at the last render: a filter changed right after
    // following a view's link applies to that view.
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  };
  return { filters, setFilter };
}
