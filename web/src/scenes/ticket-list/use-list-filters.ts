/** The list's filters live in the address (?status=…&sort=…), so a view can be bookmarked and shared. */
import { useSearchParams } from 'react-router';
import type { TicketListQuery } from '../../api/types.ts';

export const FILTER_KEYS = ['status', 'priority', 'department', 'assignee', 'search', 'sort'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export function useListFilters() {
  const [params, setParams] = useSearchParams();
  const filters: TicketListQuery = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const setFilter = (key: FilterKey, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  };
  return { filters, setFilter };
}
