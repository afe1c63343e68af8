import { randomUUID } from 'node:crypto';
import { recordEvent } from '../events/record-event.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import type { SurveyScale } from '../resolution/survey-scale.ts';
import type { TicketRow } from '../tickets/tickets.repo.ts';
import { checkRating } from './rating-scale.ts';
import { findRatingOfResolution, insertRating, type RatingRow } from './satisfaction.repo.ts';

export interface RateProps {
  scale: SurveyScale;
  rating: number;
  comment?: string | null;
  source: 'mail' | 'portal' | 'api';
}

/**
 * Stores the requester's rating of the resolution the ticket stands at (resolved, or closed
 * after it), with the assignee and department as they are at that resolution, and records
 * ticket.satisfaction_rated (a bad one tells the assignee: notify-bad-rating.task.ts). A
 * resolution is rated once: a second rating is a 409 and changes nothing. The caller has
 * checked who may rate (the link's holder, or the requester in the portal).
 */
export async function rateResolution(ctx: Ctx, t: TicketRow, p: RateProps): Promise<RatingRow> {
  const { rating, positive } = checkRating(p.scale, p.rating);
  if (!t.resolved_at || (t.status !== 'resolved' && t.status !== 'closed')) throw new ConflictError('This ticket has no resolution to rate.');
  const comment = p.comment?.trim().slice(0, 2000) || null;
  return inTransaction(ctx, async (tx) => {
    const now = nowIso();
    const row = {
      tenant_id: tx.tenantId, id: randomUUID(), ticket_id: t.id, resolved_at: t.resolved_at!, requester_id: t.requester_id,
      agent_id: t.assignee_id, department_id: t.department_id, scale: p.scale, rating, positive, comment, source: p.source,
      created_at: now, updated_at: now,
    };
    if (!(await insertRating(tx.db, row))) throw new ConflictError('This resolution was rated already.');
    await recordEvent(tx, {
      name: 'ticket.satisfaction_rated', subjectType: 'ticket', subjectId: t.id,
      payload: { number: t.number, rating_id: row.id, scale: p.scale, rating, positive, agent_id: t.assignee_id, department_id: t.department_id, source: p.source, has_comment: comment !== null },
    });
    return (await findRatingOfResolution(tx.db, tx.tenantId, t.id, t.resolved_at!))!;
  });
}
