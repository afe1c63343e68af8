/**
 * Who may see and change the tenant's notification templates: agents and admins read
 * them (agents see what customers are sent); only admins save, reset and preview drafts.
 * Parley itself (setup, CLI) may save and reset, never preview (a preview is for a person).
 */
import { isStaff, type Acting } from '../../../domain/shared/context.ts';
import { ForbiddenError } from '../../../domain/shared/errors.ts';
import { requireAdmin } from '../../../domain/shared/require-admin.ts';

export type MailTemplateAction = 'read' | 'save' | 'reset' | 'preview';

/** Throws ForbiddenError unless the actor may do this to a mail template. */
export function authorizeMailTemplate(actor: Acting, action: MailTemplateAction): void {
  if (action === 'read') {
    if (!isStaff(actor)) throw new ForbiddenError('Only agents and admins can read mail templates.');
  } else {
    requireAdmin(actor, `Only admins can ${action} mail templates.`, action !== 'preview');
  }
}
