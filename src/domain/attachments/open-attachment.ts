import type { ReadStream } from 'node:fs';
import { getSettings } from '../settings/get-settings.ts';
import type { Ctx } from '../shared/context.ts';
import { NotFoundError } from '../shared/errors.ts';
import { loadVisibleTicket } from '../tickets/load-visible-ticket.ts';
import { findMessage } from '../tickets/messages.repo.ts';
import { canReadNotes } from '../tickets/ticket.policy.ts';
import { isMimeAllowed } from './attachment-policy.ts';
import { findAttachment, type AttachmentRow } from './attachments.repo.ts';

/**
 * Opens an attachment for download when the actor can read its ticket and message
 * (never a customer on an internal note). `allowed` tells whether its type is still on
 * the tenant's whitelist (seed 002: a warning, not a refusal, for files already stored).
 */
export async function openAttachment(ctx: Ctx, id: string): Promise<{ row: AttachmentRow; stream: ReadStream; allowed: boolean }> {
  const row = await findAttachment(ctx.db, ctx.tenantId, id);
  if (!row) throw new NotFoundError('attachment');
  await loadVisibleTicket(ctx, row.ticket_id);
  const message = await findMessage(ctx.db, ctx.tenantId, row.message_id);
  if (!message || (message.message_type === 'note' && !canReadNotes(ctx.actor!))) throw new NotFoundError('attachment');
  if (!(await ctx.attachments.exists(ctx.tenantId, row.sha256))) throw new NotFoundError('attachment');
  const settings = await getSettings(ctx.db, ctx.tenantId);
  return { row, stream: ctx.attachments.open(ctx.tenantId, row.sha256), allowed: isMimeAllowed(settings, row.content_type) };
}
