/**
 * The ticket list's filters as the API names them (`assignee=me`, `department=sales`,
 * `requester=carla@…`), turned into ids for listTickets and countTickets. The list, the
 * counts of saved views and bulk actions on a filter all read a filter the same way.
 */
import { resolveDepartmentRef } from '../departments/resolve-department-ref.ts';
import { requirePerson, type Ctx } from '../shared/context.ts';
import { findUserByEmail } from '../users/users.repo.ts';
import type { TicketFilters } from './list-tickets.ts';

/** The filter part of the list's query string, after its schema (csv lists split). */
export interface TicketFilterParams {
  status?: string[]; priority?: string[];
  /** A department id or slug, or "mine": the departments the actor belongs to. */
  department?: string;
  /** A user id, "me" or "none". */
  assignee?: string;
  /** A user id, an email address, or "me". */
  requester?: string;
  organisation?: string; tag?: string; category?: string; channel?: string;
  created_after?: string; created_before?: string; updated_after?: string; updated_before?: string;
  search?: string;
  /** SLA (docs/sla.md): `breached`, a running clock past due; minutes within which one falls due. */
  sla?: 'breached';
  sla_due_within?: number;
}

/** No user has this id: a requester address nobody has matches no ticket. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/** Dates in filters: a bare date means its midnight UTC. */
const iso = (v: string | undefined) => (v ? new Date(v.length === 10 ? `${v}T00:00:00Z` : v).toISOString() : undefined);

export async function resolveTicketFilters(ctx: Ctx, p: TicketFilterParams): Promise<TicketFilters> {
  const actor = requirePerson(ctx.actor);
  let requesterId = p.requester;
  if (requesterId === 'me') requesterId = actor.id;
  else if (requesterId?.includes('@')) requesterId = (await findUserByEmail(ctx.db, ctx.tenantId, requesterId))?.id ?? NOBODY;
  let departmentIds: number[] | undefined;
  if (p.department === 'mine') departmentIds = [...actor.departmentIds];
  else {
    const department = await resolveDepartmentRef(ctx, p.department);
    if (department !== undefined) departmentIds = [department];
  }
  return {
    status: p.status, priority: p.priority, departmentIds,
    assigneeId: p.assignee === 'me' ? actor.id : p.assignee === 'none' ? null : p.assignee,
    requesterId, organisationId: p.organisation, tag: p.tag, category: p.category, channel: p.channel,
    createdAfter: iso(p.created_after), createdBefore: iso(p.created_before),
    updatedAfter: iso(p.updated_after), updatedBefore: iso(p.updated_before),
    search: p.search,
    ...slaFilters(p),
  };
}

/** The SLA filters as due-time bounds, at the time of the request. */
function slaFilters(p: TicketFilterParams): { slaDueAfter?: string; slaDueBefore?: string } {
  const now = Date.now();
  if (p.sla === 'breached') return { slaDueBefore: new Date(now).toISOString() };
  if (p.sla_due_within) return { slaDueAfter: new Date(now).toISOString(), slaDueBefore: new Date(now + p.sla_due_within * 60_000).toISOString() };
  return {};
}
