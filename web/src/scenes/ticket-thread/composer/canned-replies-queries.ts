/**
 * Canned replies (GET/POST /canned-replies/, PATCH/DELETE /canned-replies/<id>/): the
 * composer's `/` list, the agent's own-replies dialog and the admin screen share these.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../../api/client.ts';
import type { CannedReply, CreateCannedReply, UpdateCannedReply } from '../../../../../src/http/schemas/canned-replies.schema.ts';

export type { CannedReply };
export const cannedRepliesKey = ['canned-replies'] as const;

/** Every canned reply the person sees (their own and the shared ones), optionally narrowed (mine / shared, a department's). */
export function useCannedReplies(filter: { mine?: 'true' | 'false'; department?: number } = {}, enabled = true) {
  const q = { mine: filter.mine, department: filter.department ? String(filter.department) : undefined, limit: '200' };
  return useQuery({
    queryKey: [...cannedRepliesKey, q],
    queryFn: async () => (await api<{ results: CannedReply[] }>('GET', `/canned-replies/${queryString(q)}`)).results,
    staleTime: 60_000,
    enabled,
  });
}

/** Creates, changes or deletes a canned reply; every list is read again after. */
export function useSaveCannedReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: { id: null; body: CreateCannedReply } | { id: string; body: UpdateCannedReply | null }) =>
      a.id === null ? api<CannedReply>('POST', '/canned-replies/', a.body)
        : a.body === null ? api<undefined>('DELETE', `/canned-replies/${a.id}/`)
          : api<CannedReply>('PATCH', `/canned-replies/${a.id}/`, a.body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: cannedRepliesKey }),
  });
}

/** One canned reply (GET /canned-replies/<id>/). */
export function useCannedReply(id: string | undefined) {
  return useQuery({ queryKey: [...cannedRepliesKey, 'one', id], queryFn: () => api<CannedReply>('GET', `/canned-replies/${id}/`), enabled: !!id });
}
