/** The accounts of the tenant: a searchable list in pages, one account, create and change. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../../api/client.ts';
import type { AdminUser, Organisation, Page, Role } from '../people-shared/types.ts';
import { userKey } from '../people-shared/use-user-names.ts';

export interface UserFilters { search?: string; role?: Role; organisation?: string }

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: ['admin', 'users', 'list', filters],
    queryFn: ({ pageParam }) => api<Page<AdminUser>>('GET', `/users/${queryString({ ...filters, cursor: pageParam, limit: '50' })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useUser(id: string | undefined) {
  return useQuery({ queryKey: userKey(id ?? ''), queryFn: () => api<AdminUser>('GET', `/users/${id}/`), enabled: !!id });
}

/** Every organisation (a customer's choice); a tenant with many pages gets the first 200. */
export function useAllOrganisations() {
  return useQuery({ queryKey: ['admin', 'organisations', 'all'], queryFn: () => api<Page<Organisation>>('GET', '/organisations/?limit=200'), staleTime: 60_000 });
}

export type UserBody = Partial<Omit<AdminUser, 'id' | 'created_at' | 'updated_at'>> & { password?: string };

/** Creates (no id) or changes an account; the lists and the account are read again after. */
export function useSaveUser(id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserBody) => (id ? api<AdminUser>('PATCH', `/users/${id}/`, body) : api<AdminUser>('POST', '/users/', body)),
    onSuccess: (user) => {
      queryClient.setQueryData(userKey(user.id), user);
      void queryClient.invalidateQueries({ queryKey: ['admin', 'users', 'list'] });
    },
  });
}
