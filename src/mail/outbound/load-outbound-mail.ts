/**
 * One outbox row as the actor may act on it: the row, the scheduled reply it carries (if
 * any), and the policy applied to both. An agent's own scheduled reply on a ticket they can
 * no longer see is not found, like any other row they may not read.
 */
import type { Ctx } from '../../domain/shared/context.ts';
import { isPerson } from '../../domain/shared/context.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import { loadVisibleTicket } from '../../domain/tickets/load-visible-ticket.ts';
import { findScheduledReply, type ScheduledReplyRow } from '../../domain/tickets/scheduled-replies.repo.ts';
import { authorizeOutboundMail, type OutboundMailAction } from './outbound-mail.policy.ts';
import { findOutboundMail, type OutboundMailRow } from './outbound-mails.repo.ts';

export interface LoadedOutboundMail { row: OutboundMailRow; scheduled: ScheduledReplyRow | undefined }

/** Loads and authorizes; throws 404 (absent, or not the actor's to see) or 403. */
export async function loadOutboundMail(ctx: Ctx, id: string, action: OutboundMailAction): Promise<LoadedOutboundMail> {
  authorizeOutboundMail(ctx.actor, action);
  const row = await findOutboundMail(ctx.db, ctx.tenantId, id);
  if (!row) throw new NotFoundError('outbound mail');
  const scheduled = row.kind === 'reply' && row.message_id ? await findScheduledReply(ctx.db, ctx.tenantId, row.message_id) : undefined;
  authorizeOutboundMail(ctx.actor, action, { scheduledBy: scheduled?.author_id ?? null });
  if (isPerson(ctx.actor) && ctx.actor.role !== 'admin') {
    if (!row.ticket_id) throw new NotFoundError('outbound mail');
    await loadVisibleTicket(ctx, row.ticket_id).catch(() => { throw new NotFoundError('outbound mail'); });
  }
  return { row, scheduled };
}
