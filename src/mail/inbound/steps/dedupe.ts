import { findMessageByEmailId } from '../../../domain/tickets/messages.repo.ts';
import { drop, next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { findInboundByDigest } from '../inbound.repo.ts';
import { bareMessageId } from './message-id.ts';
import { note } from '../trace.ts';

/**
 * The same message reaching the tenant twice (sent to two queue addresses that are two
 * mailboxes, or fetched again after a crash) is stored once: a Message-ID already on a
 * ticket means this copy is dropped; without a Message-ID, the content digest decides.
 */
export async function dedupe(s: PipelineState): Promise<StepResult> {
  const id = bareMessageId(s.mail.messageId);
  if (!id) return dedupeByContent(s);
  const existing = await findMessageByEmailId(s.ctx.db, s.ctx.tenantId, id);
  if (existing) {
    note(s.trace, 'dedupe', 'duplicate-message-id', `Message-ID <${id}> is already message ${existing.id} of ticket ${existing.ticket_id}`);
    return drop(`duplicate: this Message-ID is already on ticket ${existing.ticket_id}`);
  }
  note(s.trace, 'dedupe', 'unique', `Message-ID <${id}> is on no ticket yet`);
  return next();
}

/**
 * Mail without a Message-ID: two copies stored at the same moment (the check when storing
 * raced) are told apart here, where the earlier one wins.
 */
async function dedupeByContent(s: PipelineState): Promise<StepResult> {
  if (!s.inbound.content_digest) {
    note(s.trace, 'dedupe', 'unique', 'no Message-ID and no Date: nothing to compare copies by');
    return next();
  }
  const first = await findInboundByDigest(s.ctx.db, s.ctx.tenantId, s.inbound.content_digest);
  if (first && first.id !== s.inbound.id) {
    note(s.trace, 'dedupe', 'duplicate-content', `no Message-ID; the same sender, date, subject and text as inbound ${first.id}`);
    return drop(`duplicate: the same mail (sender, date, subject and text) was received as ${first.id}`);
  }
  note(s.trace, 'dedupe', 'unique', 'no Message-ID; no earlier mail with the same content');
  return next();
}
