import { searchTerms } from '../search/search-terms.ts';
import { fewMatchingTicketIds, ticketIdsMatching } from '../search/search.repo.ts';
import { getSettings } from '../settings/get-settings.ts';
import { requirePerson, type Ctx } from '../shared/context.ts';
import { ValidationError } from '../shared/errors.ts';
import { assertTicketing, canReadNotes, visibleTickets } from './ticket.policy.ts';
import { countTicketsUpTo, queryTicketPage, type TicketFilterQuery, type TicketPageQuery, type TicketRow } from './tickets.repo.ts';

export const TICKET_SORTS = ['created_at', '-created_at', 'updated_at', '-updated_at', 'sla_due_at', '-sla_due_at'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

/** The filters of a ticket list or count, as the repo takes them, plus search. */
export interface TicketFilters extends Pick<TicketPageQuery,
  'status' | 'priority' | 'departmentIds' | 'assigneeId' | 'requesterId' | 'organisationId' | 'tag' | 'category' | 'channel'
  | 'createdAfter' | 'createdBefore' | 'updatedAfter' | 'updatedBefore' | 'slaDueAfter' | 'slaDueBefore'> {
  search?: string;
}

/** A list: the filters, sort and paging. */
export interface TicketListQuery extends TicketFilters {
  sort: TicketSort;
  cursor?: string;
  limit: number;
}

/** Searches matching fewer documents than this look their tickets up by id (measured: above a few hundred, walking recent tickets is faster). */
const SEARCH_BY_ID_MAX = 500;

/** "TK-000042", "HD-2026-1001": a search for a ticket number looks the number up. */
const NUMBER_LIKE = /^[A-Za-z]{1,10}(-[0-9]{1,10})+$/;

/**
 * The filters as SQL for the actor (visibility first), or null when nothing can match.
 * A search is either a ticket number or words looked up in the full-text index.
 */
async function filterQuery(ctx: Ctx, q: TicketFilters): Promise<TicketFilterQuery | null> {
  const actor = requirePerson(ctx.actor);
  assertTicketing(actor);
  const settings = await getSettings(ctx.db, ctx.tenantId);
  const search = q.search?.trim();
  let number: string | undefined;
  let terms: string[] = [];
  if (search && NUMBER_LIKE.test(search)) number = search.toUpperCase();
  else if (search) {
    terms = searchTerms(search);
    if (terms.length === 0) return null;
  }
  // A search reads only the text the actor could read in the thread: customers never match notes.
  const audience = canReadNotes(actor) ? 'all' : 'public';
  let matchingIds: string[] | null = null;
  if (terms.length) {
    matchingIds = await fewMatchingTicketIds(ctx.db, ctx.dialect, ctx.tenantId, terms, audience, SEARCH_BY_ID_MAX);
    if (matchingIds?.length === 0) return null;
  }
  return {
    ...q,
    visible: visibleTickets(actor, { customersSeeOrganisation: settings.customers_see_organisation_tickets }),
    tag: q.tag?.trim().toLowerCase(),
    number,
    ids: matchingIds ?? undefined,
    matching: terms.length && !matchingIds ? ticketIdsMatching(ctx.dialect, ctx.tenantId, terms, audience) : undefined,
  };
}

/** One page of the tickets the actor may see, in a stable order, after an opaque cursor. */
export async function listTickets(ctx: Ctx, q: TicketListQuery): Promise<{ rows: TicketRow[]; nextCursor: string | null }> {
  const column = q.sort.replace('-', '') as TicketPageQuery['column'];
  const filters = await filterQuery(ctx, q);
  if (!filters) return { rows: [], nextCursor: null };
  const rows = await queryTicketPage(ctx.db, ctx.tenantId, {
    ...filters,
    column,
    desc: q.sort.startsWith('-'),
    after: q.cursor ? decodeCursor(q.cursor) : undefined,
    limit: q.limit + 1,
  });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, nextCursor: more && last ? encodeCursor({ v: last[column] ?? '', id: last.id }) : null };
}

/** How many tickets the actor may see match the filters, counting no further than `cap`. */
export async function countTickets(ctx: Ctx, q: TicketFilters, cap: number): Promise<number> {
  const filters = await filterQuery(ctx, q);
  return filters ? countTicketsUpTo(ctx.db, ctx.tenantId, filters, cap) : 0;
}

function encodeCursor(c: { v: string; id: string }): string {
  return Buffer.from(JSON.stringify([c.v, c.id])).toString('base64url');
}

function decodeCursor(cursor: string): { v: string; id: string } {
  try {
    const [v, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof v === 'string' && typeof id === 'string') return { v, id };
  } catch { /* fall through to the field error */ }
  throw ValidationError.field('cursor', 'is not a cursor this endpoint returned');
}
