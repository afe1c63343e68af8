import { findMessageByEmailId } from '../../../domain/tickets/messages.repo.ts';
import { findTicket, findTicketByNumber } from '../../../domain/tickets/tickets.repo.ts';
import { next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { awaitParent } from './await-parent.ts';
import { bareMessageId } from './message-id.ts';
import { isParticipant } from './participants.ts';

const SUBJECT_NUMBER = /\[([A-Z][A-Z0-9]{0,9}(?:-[0-9]+)+)\]/gi;

/**
 * Finds the ticket this mail continues: by In-Reply-To, then References (newest first),
 * against the Message-IDs stored on messages; then by a `[TK-000042]` tag in the subject,
 * but only when the sender takes part in that ticket — a number in a subject alone never
 * lets a stranger write into someone else's ticket.
 */
export async function thread(s: PipelineState): Promise<StepResult> {
  if (s.ticket) return next();
  const byHeader: Array<[string | null, 'in-reply-to' | 'references']> = [
    [bareMessageId(s.mail.inReplyTo), 'in-reply-to'],
    ...s.mail.references.slice().reverse().map((r) => [bareMessageId(r), 'references'] as [string | null, 'references']),
  ];
  if (await byHeaders(s, byHeader)) return next();
  // Not found: its parent may be stored but still unprocessed (another worker has it).
  // Wait for it; once nothing is pending, look again, since it may have committed meanwhile.
  await awaitParent(s, byHeader.map(([id]) => id).filter((id): id is string => !!id));
  if (await byHeaders(s, byHeader)) return next();
  for (const m of s.mail.subject.matchAll(SUBJECT_NUMBER)) {
    const ticket = await findTicketByNumber(s.ctx.db, s.ctx.tenantId, m[1].toUpperCase());
    if (ticket && s.sender && await isParticipant(s.ctx, ticket, s.sender)) {
      s.ticket = ticket;
      s.threadedBy = 'subject';
      return next();
    }
  }
  return next();
}

/** Threads by the first of the ids that is on a ticket; false when none is. */
async function byHeaders(s: PipelineState, byHeader: Array<[string | null, 'in-reply-to' | 'references']>): Promise<boolean> {
  for (const [id, how] of byHeader) {
    if (!id) continue;
    const message = await findMessageByEmailId(s.ctx.db, s.ctx.tenantId, id);
    if (!message) continue;
    s.ticket = (await findTicket(s.ctx.db, s.ctx.tenantId, message.ticket_id)) ?? null;
    if (s.ticket) { s.threadedBy = how; return true; }
  }
  return false;
}
