/**
 * Creates or changes a canned reply. The text may hold the variables of
 * canned-reply-variables.ts and no other `{{…}}`; HTML is sanitised as every stored HTML
 * body is, and the plain text is derived from it when none is given. Changes to shared
 * replies go to the audit log; a person's own replies are theirs alone and do not.
 */
import { findDepartment } from '../departments/departments.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import { newId, nowIso } from '../shared/clock.ts';
import { requirePerson, type Ctx } from '../shared/context.ts';
import { ValidationError } from '../shared/errors.ts';
import { htmlToText, sanitizeBodyHtml } from '../shared/html.ts';
import { inTransaction } from '../shared/transaction.ts';
import { authorizeCannedReply } from './canned-reply.policy.ts';
import { unknownVariables } from './canned-reply-variables.ts';
import { findCannedReply, insertCannedReply, updateCannedReplyRow, type CannedReplyRow } from './canned-replies.repo.ts';

export interface CannedReplyProps {
  name?: string;
  shortcut?: string | null;
  body?: string;
  bodyHtml?: string | null;
  departmentId?: number | null;
  /** On creation: shared with the team (admins only) rather than the person's own. */
  shared?: boolean;
}

function checkVariables(field: string, text: string | null | undefined): void {
  const unknown = text ? unknownVariables(text) : [];
  if (unknown.length) throw ValidationError.field(field, `{{${unknown[0]}}} is not a variable canned replies can use`);
}

/** Creates (id null) or updates a canned reply the actor may change; answers the stored row. */
export async function saveCannedReply(ctx: Ctx, id: string | null, props: CannedReplyProps): Promise<CannedReplyRow> {
  const actor = requirePerson(ctx.actor);
  authorizeCannedReply(actor, 'list');
  const html = props.bodyHtml ? sanitizeBodyHtml(props.bodyHtml) : props.bodyHtml;
  const body = props.body?.trim() || (html ? htmlToText(html) : props.body);
  if (id === null && !props.name?.trim()) throw ValidationError.field('name', 'must not be empty');
  if ((id === null || props.body !== undefined || props.bodyHtml) && !body?.trim()) throw ValidationError.field('body', 'must not be empty');
  checkVariables('body', body);
  checkVariables('body_html', html);
  return inTransaction(ctx, async (tx) => {
    const existing = id ? await findCannedReply(tx.db, tx.tenantId, id) : undefined;
    if (existing) authorizeCannedReply(actor, 'change', existing);
    else if (id) authorizeCannedReply(actor, 'read', undefined);
    else authorizeCannedReply(actor, 'create', { owner_id: props.shared ? null : actor.id, department_id: props.departmentId ?? null });
    if (props.departmentId != null && !(await findDepartment(tx.db, tx.tenantId, props.departmentId))) {
      throw ValidationError.field('department', 'no such department');
    }
    const now = nowIso();
    const replyId = existing?.id ?? newId();
    const fields = {
      ...(props.name !== undefined && { name: props.name.trim() }),
      ...(props.shortcut !== undefined && { shortcut: props.shortcut?.trim() || null }),
      ...(body !== undefined && { body }),
      ...(props.bodyHtml !== undefined && { body_html: html || null }),
      ...(props.departmentId !== undefined && { department_id: props.departmentId }),
    };
    if (existing) await updateCannedReplyRow(tx.db, tx.tenantId, replyId, { ...fields, updated_at: now });
    else {
      await insertCannedReply(tx.db, {
        tenant_id: tx.tenantId, id: replyId, owner_id: props.shared ? null : actor.id, department_id: props.departmentId ?? null,
        name: props.name!.trim(), shortcut: props.shortcut?.trim() || null, body: body!, body_html: html || null,
        created_by: actor.id, created_at: now, updated_at: now,
      });
    }
    const saved = (await findCannedReply(tx.db, tx.tenantId, replyId))!;
    if (saved.owner_id === null) {
      await recordEvent(tx, { name: 'canned_reply.saved', subjectType: 'canned_reply', subjectId: replyId, payload: { name: saved.name, department_id: saved.department_id, created: !existing } });
    }
    return saved;
  });
}
