/** The tenant's agents and admins, for the assignee filter and the bulk "Assign to" (staff only). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

interface Person { id: string; name: string; is_active?: boolean }

export function useStaff(enabled: boolean) {
  return useQuery({
    queryKey: ['ticket-list', 'staff'], enabled, staleTime: 5 * 60_000,
    queryFn: async () => {
      const pages = await Promise.all(['agent', 'admin'].map((role) => api<{ results: Person[] }>('GET', `/users/?role=${role}&limit=200`)));
      return pages.flatMap((p) => p.results).filter((p) => p.is_active !== false).sort((a, b) => a.name.localeCompare(b.name));
    },
  });
}
