/** The outbox as admins read it: a filtered page, or one row. */
import type { OutboundMailStatus } from '../../db/schema.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { ForbiddenError, NotFoundError } from '../../domain/shared/errors.ts';
import { findOutboundMail, listOutboundMails, type OutboundMailRow } from './outbound-mails.repo.ts';

function mustBeAdmin(ctx: Ctx): void {
  if (ctx.actor?.role !== 'admin') throw new ForbiddenError('Only admins can see outgoing mail.');
}

export async function findOutboundMails(ctx: Ctx, f: { status?: OutboundMailStatus; ticketId?: string; beforeId?: string; limit: number }): Promise<OutboundMailRow[]> {
  mustBeAdmin(ctx);
  return listOutboundMails(ctx.db, ctx.tenantId, f);
}

export async function findOneOutboundMail(ctx: Ctx, id: string): Promise<OutboundMailRow> {
  mustBeAdmin(ctx);
  const row = await findOutboundMail(ctx.db, ctx.tenantId, id);
  if (!row) throw new NotFoundError('outbound mail');
  return row;
}
