import type { Acting } from '../shared/context.ts';
import { canChangeCannedReply } from './canned-reply.policy.ts';
import type { CannedReplyRow } from './canned-replies.repo.ts';

/** A canned reply as the API shows it to the actor (with whether they may change it). */
export function presentCannedReply(actor: Acting, r: CannedReplyRow) {
  return {
    id: r.id, name: r.name, shortcut: r.shortcut, body: r.body, body_html: r.body_html,
    department: r.department_id, shared: r.owner_id === null, can_edit: canChangeCannedReply(actor, r),
    created_at: new Date(r.created_at).toISOString(), updated_at: new Date(r.updated_at).toISOString(),
  };
}
