/**
 * What the agent side panel reads besides the ticket: the people a ticket may be assigned
 * to, the tenant's tags, the requester's organisation and their other tickets. All staff
 * routes (GET /users/, /tags/, /organisations/:id/, /tickets/?requester=).
 */
import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../api/client.ts';
import type { TicketPage } from '../../api/types.ts';

/** GET /users/ (the route keeps its schema private): the fields the panel uses. */
export type StaffUser = { id: string; name: string; email: string; role: 'admin' | 'agent' | 'customer'; is_active: boolean };
/** GET /tags/ */
export type Tag = { id: number; name: string; slug: string };
/** GET /organisations/:id/ */
export type Organisation = { id: string; name: string; domains: string[] };

const page = (role: string) => api<{ results: StaffUser[] }>('GET', `/users/${queryString({ role, limit: '200' })}`);

/** Active agents and admins, by name: whom a ticket may be assigned to. */
export function useAssignableUsers() {
  return useQuery({
    queryKey: ['users', 'assignable'],
    queryFn: async () => {
      const [agents, admins] = await Promise.all([page('agent'), page('admin')]);
      return [...agents.results, ...admins.results].filter((u) => u.is_active).sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: 60_000,
  });
}

/** Every tag of the tenant, offered when adding one to a ticket. */
export function useTags() {
  return useQuery({ queryKey: ['tags'], queryFn: () => api<Tag[]>('GET', '/tags/'), staleTime: 60_000 });
}

/** The requester's organisation, when the ticket has one. */
export function useOrganisation(id: string | null) {
  return useQuery({
    queryKey: ['organisations', id], queryFn: () => api<Organisation>('GET', `/organisations/${id}/`), enabled: !!id, staleTime: 5 * 60_000,
  });
}

/** The requester's most recently updated tickets (under ['tickets'], so every ticket change refreshes them). */
export function useRequesterTickets(requesterId: string | undefined) {
  return useQuery({
    queryKey: ['tickets', 'by-requester', requesterId],
    queryFn: () => api<TicketPage>('GET', `/tickets/${queryString({ requester: requesterId, sort: '-updated_at', limit: '6' })}`),
    enabled: !!requesterId,
  });
}
