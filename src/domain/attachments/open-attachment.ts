import type { ReadStream } from 'node:fs';
import { getSettings } from '../settings/get-settings.ts';
import { isStaff, requirePerson, type Ctx } from '../shared/context.ts';
import { findScheduledReply } from '../tickets/scheduled-replies.repo.ts';
import { DomainError, NotFoundError } from '../shared/errors.ts';
import { loadVisibleTicket } from '../tickets/load-visible-ticket.ts';
import { findMessage } from '../tickets/messages.repo.ts';
import { canReadNotes } from '../tickets/ticket.policy.ts';
import { isMimeAllowed } from './attachment-policy.ts';
import { findAttachment, type AttachmentRow } from './attachments.repo.ts';
import { sniffRasterType } from './sniff-content-type.ts';

export interface OpenedAttachment {
  row: AttachmentRow;
  stream: ReadStream;
  /** Whether its type is still on the tenant's whitelist (seed 002: a warning, not a refusal, for files already stored). */
  allowed: boolean;
  /** The raster type it may be shown inline as: its stored type, confirmed by its bytes; else null. */
  inlineType: string | null;
}

/**
 * Opens an attachment for download when the actor can read its ticket and message
 * (never a customer on an internal note). Every denial is the very same "attachment
 * not found" as a missing row, whatever the reason (another tenant, another customer's
 * ticket, a department the agent cannot see, an internal note, no ticketing access), so
 * an attachment id never tells whether it exists.
 */
export async function openAttachment(ctx: Ctx, id: string): Promise<OpenedAttachment> {
  requirePerson(ctx.actor);
  const row = await findAttachment(ctx.db, ctx.tenantId, id);
  if (!row || !(await canRead(ctx, row))) throw new NotFoundError('attachment');
  if (!(await ctx.attachments.exists(ctx.tenantId, row.sha256))) throw new NotFoundError('attachment');
  const [settings, head] = await Promise.all([getSettings(ctx.db, ctx.tenantId), ctx.attachments.readHead(ctx.tenantId, row.sha256)]);
  const raster = sniffRasterType(head);
  return {
    row,
    stream: ctx.attachments.open(ctx.tenantId, row.sha256),
    allowed: isMimeAllowed(settings, row.content_type),
    inlineType: raster !== null && raster === row.content_type ? raster : null,
  };
}

async function canRead(ctx: Ctx, row: AttachmentRow): Promise<boolean> {
  try {
    await loadVisibleTicket(ctx, row.ticket_id);
  } catch (err) {
    // Not found, forbidden (no ticketing access): all the same answer as a missing row.
    if (err instanceof DomainError && err.status >= 400 && err.status < 500) return false;
    throw err;
  }
  const message = await findMessage(ctx.db, ctx.tenantId, row.message_id);
  if (!message || (message.message_type === 'note' && !canReadNotes(ctx.actor))) return false;
  if (isStaff(ctx.actor)) return true;
  // A scheduled reply is the customer's only once published (schedule-reply.ts), its files too.
  const scheduled = await findScheduledReply(ctx.db, ctx.tenantId, message.id);
  return !scheduled || scheduled.published_at !== null;
}
