/**
 * One ticket, its thread in pages (newest first), and sending a reply or a note: the
 * message shows at once (optimistic), is taken back if the server refuses it, and the
 * thread is then re-read.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api, queryString, withFiles } from '../../api/client.ts';
import type { Me, Reply, ThreadMessage, Ticket, TicketWithThread, UpdateTicket } from '../../api/types.ts';

export const ticketKey = (id: string) => ['tickets', 'one', id] as const;

export function useTicket(id: string, enabled = true) {
  return useQuery({ queryKey: ticketKey(id), queryFn: () => api<TicketWithThread>('GET', `/tickets/${id}/`), enabled });
}

/** One page of GET /tickets/<id>/messages/: newest first; next_cursor reads older messages. */
export interface MessagesPage { results: ThreadMessage[]; next_cursor: string | null }
type Messages = InfiniteData<MessagesPage, string>;

export const messagesKey = (id: string) => ['tickets', 'one', id, 'messages'] as const;
/** Messages per page: a long thread opens with its newest ones and reads older ones on demand. */
export const MESSAGES_PER_PAGE = 50;

/** The thread, newest page first; `fetchNextPage` reads earlier messages. */
export function useThreadMessages(id: string) {
  return useInfiniteQuery({
    queryKey: messagesKey(id),
    queryFn: ({ pageParam }) => api<MessagesPage>('GET', `/tickets/${id}/messages/${queryString({ limit: String(MESSAGES_PER_PAGE), cursor: pageParam })}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** Posts through the seed's endpoint: /tickets/<id>/reply/ with message_type reply or note. */
export function useSendMessage(id: string, me: Me) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ files, ...body }: Reply & { files: File[] }) => api<ThreadMessage>('POST', `/tickets/${id}/reply/`, withFiles(body, files)),
    onMutate: async (body) => {
      await queryClient.cancelQueries({ queryKey: ticketKey(id) });
      const before = queryClient.getQueryData<Messages>(messagesKey(id));
      if (before?.pages.length) {
        const pending: ThreadMessage = {
          id: `pending-${Date.now()}`, message_type: body.message_type ?? 'reply', channel: 'web',
          author: { id: me.id, name: me.name, email: me.email, role: me.role }, body: body.body, body_html: null,
          quoted_text: null, time_spent: null, attachments: [], created_at: new Date().toISOString(), delivery: null,
        };
        const [newest, ...older] = before.pages;
        queryClient.setQueryData<Messages>(messagesKey(id), { ...before, pages: [{ ...newest, results: [pending, ...newest.results] }, ...older] });
      }
      return { before };
    },
    onError: (_error, _body, context) => {
      if (context?.before) queryClient.setQueryData(messagesKey(id), context.before);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['tickets'] }),
  });
}

/**
 * Changes fields of the ticket (PATCH). `shown` is how the change looks on the cached
 * ticket, applied at once and taken back if the server refuses.
 */
export function useUpdateTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body }: { body: UpdateTicket; shown: Partial<Ticket> }) => api<Ticket>('PATCH', `/tickets/${id}/`, body),
    onMutate: async ({ shown }) => {
      await queryClient.cancelQueries({ queryKey: ticketKey(id) });
      const before = queryClient.getQueryData<TicketWithThread>(ticketKey(id));
      if (before) queryClient.setQueryData<TicketWithThread>(ticketKey(id), { ...before, ...shown });
      return { before };
    },
    onError: (_error, _vars, context) => {
      if (context?.before) queryClient.setQueryData(ticketKey(id), context.before);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['tickets'] }),
  });
}
