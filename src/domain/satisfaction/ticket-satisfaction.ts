/**
 * A ticket's resolution and satisfaction as its reader sees it (GET …/satisfaction/): the
 * ratings of its resolutions, and what the caller may do now: confirm the resolution
 * (the requester's side), rate it (the requester, when a survey was offered or is on for
 * the department, once per resolution). Staff read the ratings; only the requester rates.
 */
import { findDepartment } from '../departments/departments.repo.ts';
import { findLinkOfResolution } from '../resolution/resolution-links.repo.ts';
import { surveyScaleFor, type SurveyScale } from '../resolution/survey-scale.ts';
import { getSettings } from '../settings/get-settings.ts';
import { isPerson, type Ctx } from '../shared/context.ts';
import { ConflictError, ForbiddenError } from '../shared/errors.ts';
import { loadVisibleTicket } from '../tickets/load-visible-ticket.ts';
import type { TicketRow } from '../tickets/tickets.repo.ts';
import { rateResolution } from './rate-resolution.ts';
import { findRatingOfResolution, listTicketRatings, type RatingRow } from './satisfaction.repo.ts';

export interface TicketSatisfaction {
  ticket: TicketRow;
  /** The survey of the current resolution: the one its mail offered, else the one the settings give now; null: none. */
  scale: SurveyScale | null;
  canConfirm: boolean;
  canRate: boolean;
  ratings: RatingRow[];
}

async function currentScale(ctx: Ctx, t: TicketRow): Promise<SurveyScale | null> {
  if (!t.resolved_at) return null;
  const link = await findLinkOfResolution(ctx.db, ctx.tenantId, t.id, t.resolved_at);
  if (link) return link.survey_scale;
  const department = await findDepartment(ctx.db, ctx.tenantId, t.department_id);
  return department ? surveyScaleFor(await getSettings(ctx.db, ctx.tenantId), department.slug) : null;
}

export async function getTicketSatisfaction(ctx: Ctx, ticketId: string): Promise<TicketSatisfaction> {
  const t = await loadVisibleTicket(ctx, ticketId);
  const ratings = await listTicketRatings(ctx.db, ctx.tenantId, t.id);
  const scale = await currentScale(ctx, t);
  const isRequester = isPerson(ctx.actor) && ctx.actor.id === t.requester_id;
  const hasResolution = !!t.resolved_at && (t.status === 'resolved' || t.status === 'closed');
  const rated = ratings.some((r) => r.resolved_at === t.resolved_at);
  return {
    ticket: t, scale, ratings,
    canConfirm: isRequester && t.status === 'resolved',
    canRate: isRequester && hasResolution && scale !== null && !rated,
  };
}

/** The requester rates the current resolution from the portal or the API. */
export async function rateTicket(ctx: Ctx, ticketId: string, p: { rating: number; comment?: string | null; source: 'portal' | 'api' }): Promise<RatingRow> {
  // Staff never rate (checked before the ticket is loaded, so the answer does not depend on which tickets they see).
  if (isPerson(ctx.actor) && ctx.actor.role !== 'customer') throw new ForbiddenError('Only the requester rates a resolution.');
  const s = await getTicketSatisfaction(ctx, ticketId);
  if (!isPerson(ctx.actor) || ctx.actor.id !== s.ticket.requester_id) throw new ForbiddenError('Only the requester rates a resolution.');
  if (!s.scale) throw new ConflictError('This ticket has no survey to answer.');
  if (s.ticket.resolved_at && await findRatingOfResolution(ctx.db, ctx.tenantId, s.ticket.id, s.ticket.resolved_at)) throw new ConflictError('This resolution was rated already.');
  return rateResolution(ctx, s.ticket, { scale: s.scale, rating: p.rating, comment: p.comment, source: p.source });
}
