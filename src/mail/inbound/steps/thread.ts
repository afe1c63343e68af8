import { findMessageByEmailId } from '../../../domain/tickets/messages.repo.ts';
import { findTicket, findTicketByNumber } from '../../../domain/tickets/tickets.repo.ts';
import { next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { note } from '../trace.ts';
import { awaitParent } from './await-parent.ts';
import { bareMessageId } from './message-id.ts';
import { isParticipant } from './participants.ts';

const SUBJECT_NUMBER = /\[([A-Z][A-Z0-9]{0,9}(?:-[0-9]+)+)\]/gi;
type ByHeader = Array<[string | null, 'in-reply-to' | 'references']>;

/**
 * Finds the ticket this mail continues: by In-Reply-To, then References (newest first),
 * against the Message-IDs stored on messages; then by a `[TK-000042]` tag in the subject,
 * but only when the sender takes part in that ticket — a number in a subject alone never
 * lets a stranger write into someone else's ticket.
 */
export async function thread(s: PipelineState): Promise<StepResult> {
  if (s.ticket) return next();
  const byHeader: ByHeader = [
    [bareMessageId(s.mail.inReplyTo), 'in-reply-to'],
    ...s.mail.references.slice().reverse().map((r) => [bareMessageId(r), 'references'] as [string | null, 'references']),
  ];
  if (await byHeaders(s, byHeader)) return next();
  // Not found: its parent may be stored but still unprocessed (another worker has it).
  // Wait for it; once nothing is pending, look again, since it may have committed meanwhile.
  const ids = byHeader.map(([id]) => id).filter((id): id is string => !!id);
  if (!s.dryRun) await awaitParent(s, ids);
  if (await byHeaders(s, byHeader)) return next();
  if (ids.length) note(s.trace, 'thread', 'headers-unknown', `${ids.slice(0, 3).map((i) => `<${i}>`).join(', ')}${ids.length > 3 ? ` and ${ids.length - 3} more` : ''} ${ids.length > 1 ? 'are' : 'is'} on no ticket`);
  for (const m of s.mail.subject.matchAll(SUBJECT_NUMBER)) {
    const token = m[1].toUpperCase();
    const ticket = await findTicketByNumber(s.ctx.db, s.ctx.tenantId, token);
    if (!ticket) {
      note(s.trace, 'thread', 'subject-token-unknown', `subject token [${token}] names no ticket of this tenant`);
    } else if (s.sender && await isParticipant(s.ctx, ticket, s.sender)) {
      s.ticket = ticket;
      s.threadedBy = 'subject';
      note(s.trace, 'thread', 'subject-token', `subject token [${token}], and the sender ${s.sender.email} takes part in it (${roleIn(ticket, s.sender.id, s.sender.role)}) → threaded`);
      return next();
    } else {
      note(s.trace, 'thread', 'subject-token-refused', `subject token [${token}] refused: ${s.sender ? `the sender ${s.sender.email} takes no part in ${token}` : 'the sender is no user'}`);
    }
  }
  note(s.trace, 'thread', 'no-ticket', 'continues no ticket');
  return next();
}

/** Threads by the first of the ids that is on a ticket; false when none is. */
async function byHeaders(s: PipelineState, byHeader: ByHeader): Promise<boolean> {
  for (const [id, how] of byHeader) {
    if (!id) continue;
    const message = await findMessageByEmailId(s.ctx.db, s.ctx.tenantId, id);
    if (!message) continue;
    s.ticket = (await findTicket(s.ctx.db, s.ctx.tenantId, message.ticket_id)) ?? null;
    if (s.ticket) {
      s.threadedBy = how;
      note(s.trace, 'thread', how, `${how === 'in-reply-to' ? 'In-Reply-To' : 'References'} <${id}> → message ${message.id} of ${s.ticket.number}`);
      return true;
    }
  }
  return false;
}

const roleIn = (t: { requester_id: string; assignee_id: string | null }, userId: string, role: string): string =>
  role !== 'customer' ? role : t.requester_id === userId ? 'requester' : t.assignee_id === userId ? 'assignee' : 'recipient';
