/**
 * One ticket with its thread, and sending a reply or a note: the message shows at once
 * (optimistic), is taken back if the server refuses it, and the thread is then re-read.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withFiles } from '../../api/client.ts';
import type { Me, Reply, ThreadMessage, Ticket, TicketWithThread, UpdateTicket } from '../../api/types.ts';

export const ticketKey = (id: string) => ['tickets', 'one', id] as const;

export function useTicket(id: string, enabled = true) {
  return useQuery({ queryKey: ticketKey(id), queryFn: () => api<TicketWithThread>('GET', `/tickets/${id}/`), enabled });
}

/** Posts through the seed's endpoint: /tickets/<id>/reply/ with message_type reply or note. */
export function useSendMessage(id: string, me: Me) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ files, ...body }: Reply & { files: File[] }) => api<ThreadMessage>('POST', `/tickets/${id}/reply/`, withFiles(body, files)),
    onMutate: async (body) => {
      await queryClient.cancelQueries({ queryKey: ticketKey(id) });
      const before = queryClient.getQueryData<TicketWithThread>(ticketKey(id));
      if (before) {
        const pending: ThreadMessage = {
          id: `pending-${Date.now()}`, message_type: body.message_type ?? 'reply', channel: 'web',
          author: { id: me.id, name: me.name, email: me.email, role: me.role }, body: body.body, body_html: null,
          quoted_text: null, time_spent: null, attachments: [], created_at: new Date().toISOString(), delivery: null,
        };
        queryClient.setQueryData<TicketWithThread>(ticketKey(id), { ...before, messages: [...before.messages, pending] });
      }
      return { before };
    },
    onError: (_error, _body, context) => {
      if (context?.before) queryClient.setQueryData(ticketKey(id), context.before);
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
