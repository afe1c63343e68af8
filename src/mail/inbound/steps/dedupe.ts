import { findMessageByEmailId } from '../../../domain/tickets/messages.repo.ts';
import { drop, next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { bareMessageId } from './message-id.ts';

/**
 * The same message reaching the tenant twice (sent to two queue addresses that are two
 * mailboxes, or fetched again after a crash) is stored once: a Message-ID already on a
 * ticket means this copy is dropped.
 */
export async function dedupe(s: PipelineState): Promise<StepResult> {
  const id = bareMessageId(s.mail.messageId);
  if (!id) return next();
  const existing = await findMessageByEmailId(s.ctx.db, s.ctx.tenantId, id);
  return existing ? drop(`duplicate: this Message-ID is already on ticket ${existing.ticket_id}`) : next();
}
