/**
 * The helpdesk's public settings (GET /tickets/api/portal/): whether customers may register,
 * the password rule, the attachment limits an upload meets, and (signed in) the ticket
 * categories. Anyone may read them, before sign-in too; they change rarely.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Portal } from '../../../src/http/schemas/portal.schema.ts';
import { useSession } from './use-session.ts';

export type { Portal };

/** Kept per person: the categories come only with a session, so the answer before sign-in is not the one after. */
export function usePortal() {
  const who = useSession().data?.id ?? null;
  return useQuery({ queryKey: ['portal', who], queryFn: () => api<Portal>('GET', '/portal/'), staleTime: 10 * 60_000 });
}
