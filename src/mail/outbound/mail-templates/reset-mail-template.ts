import { recordEvent } from '../../../domain/events/record-event.ts';
import type { Ctx } from '../../../domain/shared/context.ts';
import { inTransaction } from '../../../domain/shared/transaction.ts';
import { authorizeMailTemplate } from './mail-template.policy.ts';
import { templateId, type MailTemplateRef } from './mail-template-ref.ts';
import { deleteMailTemplateOverride } from './mail-templates.repo.ts';

/**
 * Goes back to the built-in template (admins) by removing the tenant's version. Resetting
 * a template that was not changed changes nothing and records nothing; a real reset is
 * recorded as `mail_template.reset`. Answers whether there was a version to remove.
 */
export async function resetMailTemplate(ctx: Ctx, ref: MailTemplateRef): Promise<boolean> {
  authorizeMailTemplate(ctx.actor, 'reset');
  return inTransaction(ctx, async (tx) => {
    const removed = await deleteMailTemplateOverride(tx.db, tx.tenantId, ref);
    if (removed) {
      await recordEvent(tx, { name: 'mail_template.reset', subjectType: 'mail_template', subjectId: templateId(ref), payload: { key: ref.key, language: ref.language } });
    }
    return removed;
  });
}
