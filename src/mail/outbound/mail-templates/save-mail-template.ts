import { recordEvent } from '../../../domain/events/record-event.ts';
import { nowIso } from '../../../domain/shared/clock.ts';
import { actorId, type Ctx } from '../../../domain/shared/context.ts';
import { inTransaction } from '../../../domain/shared/transaction.ts';
import { checkMailTemplate } from './check-mail-template.ts';
import { authorizeMailTemplate } from './mail-template.policy.ts';
import { templateId, type MailTemplateRef } from './mail-template-ref.ts';
import { findMailTemplateOverride, upsertMailTemplateOverride, type MailTemplateRow } from './mail-templates.repo.ts';

export interface SaveMailTemplateProps {
  ref: MailTemplateRef;
  /** An empty `text` is derived from `html` (check-mail-template.ts). */
  draft: { subject: string; text: string; html: string };
}

/**
 * Saves the tenant's own version of one template (admins): validated and sanitised first,
 * so a broken template is never stored; the next notification of that key and language
 * is written from it. Recorded as `mail_template.saved`.
 */
export async function saveMailTemplate(ctx: Ctx, p: SaveMailTemplateProps): Promise<MailTemplateRow> {
  authorizeMailTemplate(ctx.actor, 'save');
  const { template, textDerived } = checkMailTemplate(p.ref.key, p.draft);
  return inTransaction(ctx, async (tx) => {
    await upsertMailTemplateOverride(tx.db, tx.tenantId, p.ref, template, actorId(tx.actor), nowIso());
    await recordEvent(tx, {
      name: 'mail_template.saved', subjectType: 'mail_template', subjectId: templateId(p.ref),
      payload: { key: p.ref.key, language: p.ref.language, subject: template.subject, text_derived: textDerived },
    });
    return (await findMailTemplateOverride(tx.db, tx.tenantId, p.ref))!;
  });
}
