/**
 * The signed-in person (GET /tickets/api/me/) over the web session: the cookie is httpOnly,
 * so the session answer tells whether there is one and hands the CSRF token over.
 * null means nobody is signed in.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../api/client.ts';
import type { Me } from '../api/types.ts';

export const sessionKey = ['session'] as const;
type SessionAnswer = { csrf_token: string; expires_at: string };

async function loadSession(): Promise<Me | null> {
  try {
    setCsrfToken((await api<SessionAnswer>('GET', '/auth/session/')).csrf_token);
    return await api<Me>('GET', '/me/');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The current person, or null when signed out. */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: loadSession, staleTime: 5 * 60_000, retry: false });
}

/** Staff (agents and admins) work tickets; customers see their own. */
export const isStaff = (me: Me) => me.role !== 'customer';

/** Signs in with email and password; the session query then holds the person. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: { email: string; password: string }) => {
      setCsrfToken((await api<SessionAnswer>('POST', '/auth/login/', credentials)).csrf_token);
      return api<Me>('GET', '/me/');
    },
    onSuccess: (me) => queryClient.setQueryData(sessionKey, me),
  });
}

/** Ends the web session and forgets every cached answer (they belonged to that person). */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('POST', '/auth/logout/'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(sessionKey, null);
    },
  });
}

/** The signed-in person, in the pages the layout shows only to someone signed in. */
export function useMe(): Me {
  const me = useSession().data;
  if (!me) throw new Error('useMe() is for signed-in pages only.');
  return me;
}
