import type { Db } from '../../db/client.ts';
import { findUsersByIds } from '../users/users.repo.ts';
import type { TicketSatisfaction } from './ticket-satisfaction.ts';
import type { RatingRow } from './satisfaction.repo.ts';

export interface PresentedRating {
  id: string; resolved_at: string; scale: 'five' | 'binary'; rating: number; positive: boolean; comment: string | null;
  source: 'mail' | 'portal' | 'api'; agent: { id: string; name: string } | null; department_id: number; created_at: string;
}

export async function presentRatings(db: Db, tenantId: string, rows: RatingRow[]): Promise<PresentedRating[]> {
  const ids = [...new Set(rows.map((r) => r.agent_id).filter((x): x is string => !!x))];
  const names = new Map((await findUsersByIds(db, tenantId, ids)).map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id, resolved_at: r.resolved_at, scale: r.scale, rating: r.rating, positive: Boolean(r.positive), comment: r.comment,
    source: r.source, agent: r.agent_id ? { id: r.agent_id, name: names.get(r.agent_id) ?? '' } : null,
    department_id: r.department_id, created_at: r.created_at,
  }));
}

export async function presentTicketSatisfaction(db: Db, tenantId: string, s: TicketSatisfaction) {
  return {
    ticket_id: s.ticket.id, status: s.ticket.status, resolved_at: s.ticket.resolved_at,
    survey_scale: s.scale, can_confirm: s.canConfirm, can_rate: s.canRate,
    ratings: await presentRatings(db, tenantId, s.ratings),
  };
}
