/** The departments the person may see (for filters and the new-ticket form); they change rarely. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Department } from '../api/types.ts';

export function useDepartments() {
  return useQuery({ queryKey: ['departments'], queryFn: () => api<Department[]>('GET', '/departments/'), staleTime: 10 * 60_000 });
}
