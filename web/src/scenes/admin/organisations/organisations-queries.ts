/** The tenant's organisations: a list in pages, one, create and change. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../../api/client.ts';
import type { Organisation, Page } from '../people-shared/types.ts';

const one = (id: string) => ['admin', 'organisations', 'one', id] as const;

export function useOrganisations() {
  return useInfiniteQuery({
    queryKey: ['admin', 'organisations', 'list'],
    queryFn: ({ pageParam }) => api<Page<Organisation>>('GET', `/organisations/${queryString({ cursor: pageParam, limit: '50' })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useOrganisation(id: string | undefined) {
  return useQuery({ queryKey: one(id ?? ''), queryFn: () => api<Organisation>('GET', `/organisations/${id}/`), enabled: !!id });
}

export function useSaveOrganisation(id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; domains: string[] }) =>
      (id ? api<Organisation>('PATCH', `/organisations/${id}/`, body) : api<Organisation>('POST', '/organisations/', body)),
    onSuccess: (org) => {
      queryClient.setQueryData(one(org.id), org);
      void queryClient.invalidateQueries({ queryKey: ['admin', 'organisations'], predicate: (q) => q.queryKey[2] !== 'one' });
    },
  });
}
