/** Names of the accounts some ids point at (audit log actors, token owners), each read once and cached. */
import { useQueries } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { AdminUser } from './types.ts';

export const userKey = (id: string) => ['admin', 'users', 'one', id] as const;

export function useUserNames(ids: ReadonlyArray<string | null>): Map<string, AdminUser> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  const answers = useQueries({
    queries: unique.map((id) => ({
      queryKey: userKey(id), queryFn: () => api<AdminUser>('GET', `/users/${id}/`), staleTime: 5 * 60_000, retry: false,
    })),
  });
  const out = new Map<string, AdminUser>();
  answers.forEach((a) => { if (a.data) out.set(a.data.id, a.data); });
  return out;
}
