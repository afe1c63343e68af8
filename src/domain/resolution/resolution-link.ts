/**
 * The one link token of a resolution mail (docs/satisfaction.md, "The links"): made when the
 * mail is written, 256 random bits, stored only as its SHA-256 with the tenant, ticket and
 * resolution it stands for, valid `resolution_link_days`. Whoever holds it may confirm,
 * reopen or rate that resolution, and nothing else; it is refused once expired, once the
 * ticket left that resolution (confirmed, reopened, resolved again), and for rating once
 * the resolution was rated.
 */
import { hashToken, randomToken } from '../auth/secrets.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { findTicket, type TicketRow } from '../tickets/tickets.repo.ts';
import { findResolutionLink, insertResolutionLink, type ResolutionLinkRow } from './resolution-links.repo.ts';
import type { SurveyScale } from './survey-scale.ts';

const DAY_MS = 86_400_000;

/** Makes and stores a token for the ticket's current resolution; the plain token is returned once, for the mail. */
export async function makeResolutionLink(ctx: Ctx, t: TicketRow, surveyScale: SurveyScale | null, days: number): Promise<string> {
  if (!t.resolved_at) throw new Error(`ticket ${t.id} is not resolved`);
  const token = randomToken(32);
  const now = nowIso();
  await insertResolutionLink(ctx.db, {
    tenant_id: ctx.tenantId, token_hash: hashToken(token), ticket_id: t.id, resolved_at: t.resolved_at,
    survey_scale: surveyScale, expires_at: new Date(Date.parse(now) + days * DAY_MS).toISOString(), created_at: now,
  });
  return token;
}

/** Why a link does nothing; each reason has its own page (resolution-page.routes.ts). */
export type LinkRefusal = 'invalid' | 'expired' | 'changed';

export class ResolutionLinkRefused extends Error {
  constructor(readonly reason: LinkRefusal) { super(`resolution link refused: ${reason}`); }
}

export interface ResolutionLinkHold { link: ResolutionLinkRow; ticket: TicketRow }

/**
 * The link and its ticket, as long as the token is known in this tenant and not expired.
 * Whether the ticket is still in that resolution is for each action to judge (`isCurrent`).
 */
export async function readResolutionLink(ctx: Ctx, token: string): Promise<ResolutionLinkHold> {
  if (!/^[\w-]{20,100}$/.test(token)) throw new ResolutionLinkRefused('invalid');
  const link = await findResolutionLink(ctx.db, ctx.tenantId, hashToken(token));
  if (!link) throw new ResolutionLinkRefused('invalid');
  if (link.expires_at <= nowIso()) throw new ResolutionLinkRefused('expired');
  const ticket = await findTicket(ctx.db, ctx.tenantId, link.ticket_id);
  if (!ticket) throw new ResolutionLinkRefused('invalid');
  return { link, ticket };
}

/** The ticket still stands at the link's resolution: resolved (or closed) at that very time. */
export const isSameResolution = (h: ResolutionLinkHold): boolean =>
  (h.ticket.status === 'resolved' || h.ticket.status === 'closed') && h.ticket.resolved_at === h.link.resolved_at;

/** Confirm and reopen: only while the ticket waits, resolved, at the link's resolution. */
export const awaitsConfirmation = (h: ResolutionLinkHold): boolean => h.ticket.status === 'resolved' && h.ticket.resolved_at === h.link.resolved_at;
