/** The tenant's agents and admins (active ones first), for choosing an owner. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Page, StaffUser } from '../mail-shared/types.ts';

export function useStaff() {
  return useQuery({
    queryKey: ['admin', 'staff'],
    queryFn: async () => {
      const [agents, admins] = await Promise.all(['agent', 'admin'].map((role) => api<Page<StaffUser>>('GET', `/users/?role=${role}&limit=200`)));
      return [...agents!.results, ...admins!.results].sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: 60_000,
  });
}
