/** The outbox as admins read it: a filtered page, or one row. */
import type { OutboundMailStatus } from '../../db/schema.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import { authorizeOutboundMail } from './outbound-mail.policy.ts';
import { findOutboundMail, listOutboundMails, type OutboundMailRow } from './outbound-mails.repo.ts';

export async function findOutboundMails(ctx: Ctx, f: { status?: OutboundMailStatus; ticketId?: string; beforeId?: string; limit: number }): Promise<OutboundMailRow[]> {
  authorizeOutboundMail(ctx.actor, 'read');
  return listOutboundMails(ctx.db, ctx.tenantId, f);
}

export async function findOneOutboundMail(ctx: Ctx, id: string): Promise<OutboundMailRow> {
  authorizeOutboundMail(ctx.actor, 'read');
  const row = await findOutboundMail(ctx.db, ctx.tenantId, id);
  if (!row) throw new NotFoundError('outbound mail');
  return row;
}
