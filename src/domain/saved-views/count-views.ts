/**
 * The counts beside the ticket list's views: the built-in views that apply to the person
 * (staff: mine, unassigned, my departments, all; customers: mine, and their organisation's
 * when the tenant lets them see it) and their saved views. Each count reads at most
 * VIEW_COUNT_CAP + 1 rows by index, so it stays cheap on a million tickets; beyond the cap
 * the answer says "more".
 */
import { getSettings } from '../settings/get-settings.ts';
import type { Ctx } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import { countTickets } from '../tickets/list-tickets.ts';
import { resolveTicketFilters, type TicketFilterParams } from '../tickets/ticket-list-filters.ts';
import { PRIORITIES, STATUSES } from '../tickets/ticket-values.ts';
import { authorizeSavedView } from './saved-view.policy.ts';
import { listUserViews } from './saved-views.repo.ts';
import type { ViewFilters } from './saved-views.ts';

export const VIEW_COUNT_CAP = 999;

export type BuiltInView = 'mine' | 'unassigned' | 'my_departments' | 'all' | 'organisation';
export interface ViewCount { count: number | null; more: boolean }

export interface ViewCounts {
  builtIn: Array<{ key: BuiltInView; filters: ViewFilters } & ViewCount>;
  saved: Array<{ id: string } & ViewCount>;
}

export async function countViews(ctx: Ctx): Promise<ViewCounts> {
  const actor = authorizeSavedView(ctx.actor, 'count');
  const builtIn: Array<{ key: BuiltInView; filters: ViewFilters }> = [];
  if (actor.role === 'customer') {
    builtIn.push({ key: 'mine', filters: { requester: 'me' } });
    const settings = await getSettings(ctx.db, ctx.tenantId);
    if (settings.customers_see_organisation_tickets && actor.organisationId) builtIn.push({ key: 'organisation', filters: { organisation: actor.organisationId } });
  } else {
    builtIn.push({ key: 'mine', filters: { assignee: 'me' } }, { key: 'unassigned', filters: { assignee: 'none' } });
    if (actor.departmentIds.length) builtIn.push({ key: 'my_departments', filters: { department: 'mine' } });
    builtIn.push({ key: 'all', filters: {} });
  }
  const views = await listUserViews(ctx.db, ctx.tenantId, actor.id);
  return {
    builtIn: await Promise.all(builtIn.map(async (v) => ({ ...v, ...await countOf(ctx, v.filters) }))),
    saved: await Promise.all(views.map(async (v) => ({ id: v.id, ...await countOf(ctx, parseStored(v.filters)) }))),
  };
}

/** A view whose filters no longer apply (a department renamed away) counts as null, not as an error of the whole answer. */
async function countOf(ctx: Ctx, filters: ViewFilters): Promise<ViewCount> {
  try {
    const n = await countTickets(ctx, await resolveTicketFilters(ctx, toParams(filters)), VIEW_COUNT_CAP + 1);
    return { count: Math.min(n, VIEW_COUNT_CAP), more: n > VIEW_COUNT_CAP };
  } catch (error) {
    if (error instanceof DomainError && error.status === 422) return { count: null, more: false };
    throw error;
  }
}

function parseStored(json: string): ViewFilters {
  try { return JSON.parse(json) as ViewFilters; } catch { return {}; }
}

/** The stored strings as the list's schema reads them: status and priority are comma-separated lists of known values. */
function toParams(f: ViewFilters): TicketFilterParams {
  const list = (v: string | undefined, known: readonly string[]) => v?.split(',').map((x) => x.trim()).filter((x) => known.includes(x));
  return { ...f, status: list(f.status, STATUSES), priority: list(f.priority, PRIORITIES) };
}
