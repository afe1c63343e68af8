import { searchTerms } from '../search/search-terms.ts';
import { ticketIdsMatching } from '../search/search.repo.ts';
import { getSettings } from '../settings/get-settings.ts';
import type { Ctx } from '../shared/context.ts';
import { UnauthorizedError, ValidationError } from '../shared/errors.ts';
import { assertTicketing, visibleTickets } from './ticket.policy.ts';
import type { TicketRow } from './tickets.repo.ts';

export const TICKET_SORTS = ['created_at', '-created_at', 'updated_at', '-updated_at'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

export interface TicketListQuery {
  status?: string[];
  priority?: string[];
  departmentIds?: number[];
  /** A user id, or null for unassigned tickets. */
  assigneeId?: string | null;
  requesterId?: string;
  organisationId?: string;
  tag?: string;
  createdAfter?: string; createdBefore?: string;
  updatedAfter?: string; updatedBefore?: string;
  search?: string;
  sort: TicketSort;
  cursor?: string;
  limit: number;
}

const NUMBER_LIKE = /^[A-Za-z]{1,10}(-[0-9]{1,10})+$/;

/**
 * One page of the tickets the actor may see, in a stable order, after an opaque cursor
 * (keyset pagination on the sort column and the id: no OFFSET scans).
 */
export async function listTickets(ctx: Ctx, q: TicketListQuery): Promise<{ rows: TicketRow[]; nextCursor: string | null }> {
  if (!ctx.actor) throw new UnauthorizedError();
  assertTicketing(ctx.actor);
  const settings = await getSettings(ctx.db, ctx.tenantId);
  const column = q.sort.replace('-', '') as 'created_at' | 'updated_at';
  const desc = q.sort.startsWith('-');
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;

  let query = ctx.db.selectFrom('tickets').selectAll('tickets')
    .where('tickets.tenant_id', '=', ctx.tenantId)
    .where(visibleTickets(ctx.actor, { customersSeeOrganisation: settings.customers_see_organisation_tickets }));
  if (q.status?.length) query = query.where('tickets.status', 'in', q.status);
  if (q.priority?.length) query = query.where('tickets.priority', 'in', q.priority);
  if (q.departmentIds?.length) query = query.where('tickets.department_id', 'in', q.departmentIds);
  if (q.assigneeId === null) query = query.where('tickets.assignee_id', 'is', null);
  else if (q.assigneeId) query = query.where('tickets.assignee_id', '=', q.assigneeId);
  if (q.requesterId) query = query.where('tickets.requester_id', '=', q.requesterId);
  if (q.organisationId) query = query.where('tickets.organisation_id', '=', q.organisationId);
  if (q.createdAfter) query = query.where('tickets.created_at', '>=', q.createdAfter);
  if (q.createdBefore) query = query.where('tickets.created_at', '<', q.createdBefore);
  if (q.updatedAfter) query = query.where('tickets.updated_at', '>=', q.updatedAfter);
  if (q.updatedBefore) query = query.where('tickets.updated_at', '<', q.updatedBefore);
  if (q.tag) {
    const tag = q.tag.trim().toLowerCase();
    query = query.where('tickets.id', 'in', (eb) => eb.selectFrom('ticket_tags')
      .innerJoin('tags', (j) => j.onRef('tags.tenant_id', '=', 'ticket_tags.tenant_id').onRef('tags.id', '=', 'ticket_tags.tag_id'))
      .select('ticket_tags.ticket_id')
      .where('ticket_tags.tenant_id', '=', ctx.tenantId).where('tags.name', '=', tag));
  }
  const search = q.search?.trim();
  if (search) {
    if (NUMBER_LIKE.test(search)) query = query.where('tickets.number', '=', search.toUpperCase());
    else {
      const terms = searchTerms(search);
      if (terms.length === 0) return { rows: [], nextCursor: null };
      query = query.where('tickets.id', 'in', ticketIdsMatching(ctx.dialect, ctx.tenantId, terms));
    }
  }
  if (after) {
    const op = desc ? '<' : '>';
    query = query.where((eb) => eb.or([
      eb(`tickets.${column}`, op, after.v),
      eb.and([eb(`tickets.${column}`, '=', after.v), eb('tickets.id', op, after.id)]),
    ]));
  }
  const dir = desc ? 'desc' : 'asc';
  const rows = await query.orderBy(`tickets.${column}`, dir).orderBy('tickets.id', dir).limit(q.limit + 1).execute();
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, nextCursor: more && last ? encodeCursor({ v: last[column], id: last.id }) : null };
}

function encodeCursor(c: { v: string; id: string }): string {
  return Buffer.from(JSON.stringify([c.v, c.id])).toString('base64url');
}

function decodeCursor(cursor: string): { v: string; id: string } {
  try {
    const [v, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof v === 'string' && typeof id === 'string') return { v, id };
  } catch { /* fall through */ }
  throw ValidationError.field('cursor', 'is not a cursor this endpoint returned');
}

