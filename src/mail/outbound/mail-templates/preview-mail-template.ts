import type { Ctx } from '../../../domain/shared/context.ts';
import { renderMail, type ComposedMail } from '../notifications/compose-mail.ts';
import { checkMailTemplate } from './check-mail-template.ts';
import { authorizeMailTemplate } from './mail-template.policy.ts';
import type { MailTemplateRef } from './mail-template-ref.ts';
import { findMailTemplateOverride } from './mail-templates.repo.ts';
import { previewVars, type PreviewDeps } from './preview-vars.ts';
import { effectiveTemplate, rowTemplate } from './tenant-templates.ts';

export interface PreviewMailTemplateProps {
  ref: MailTemplateRef;
  /** The draft; a part left out is the template's current one (the tenant's, else the built-in). */
  draft: { subject?: string; text?: string; html?: string };
  /** A ticket of the tenant the admin can see; null renders a sample ticket. */
  ticketId: string | null;
}

/**
 * Renders a draft exactly as its mail would be sent (admins), after the same checks as
 * saving (a draft that could not be saved answers 422), and stores nothing.
 */
export async function previewMailTemplate(ctx: Ctx, deps: PreviewDeps, p: PreviewMailTemplateProps): Promise<ComposedMail & { text_derived: boolean }> {
  authorizeMailTemplate(ctx.actor, 'preview');
  const own = await findMailTemplateOverride(ctx.db, ctx.tenantId, p.ref);
  const current = own ? rowTemplate(own) : effectiveTemplate(new Map(), p.ref.key, p.ref.language);
  const { template, textDerived } = checkMailTemplate(p.ref.key, {
    subject: p.draft.subject ?? current.subject, text: p.draft.text ?? current.text, html: p.draft.html ?? current.html,
  });
  const vars = await previewVars(ctx, deps, p.ref.key, p.ticketId);
  return { ...renderMail(template, vars), text_derived: textDerived };
}
