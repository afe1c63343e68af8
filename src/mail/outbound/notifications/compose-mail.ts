/**
 * The one place a notification's template is chosen and rendered. The template is the
 * tenant's own version of (key, language) when its admin saved one, else the built-in one.
 * The tenant's versions are loaded once per job with the ticket's scope (ticket-scope.ts
 * loadTicketScope) and passed here by scopeMail, which every notification goes through.
 */
import { effectiveTemplate, NO_TENANT_TEMPLATES, type TenantTemplates } from '../mail-templates/tenant-templates.ts';
import { oneLine, renderTemplate, type TemplateVars } from './render-template.ts';
import type { TemplateLanguage } from './templates/index.ts';
import type { MailTemplate, TemplateKey } from './templates/template-set.ts';

export interface ComposedMail { subject: string; text: string; html: string }

/** Renders one notification in one language: the subject on one line, a text part and an escaped HTML part. */
export function composeMail(key: TemplateKey, language: TemplateLanguage, vars: TemplateVars, own: TenantTemplates = NO_TENANT_TEMPLATES): ComposedMail {
  return renderMail(effectiveTemplate(own, key, language), vars);
}

/** Renders a given template (the chosen one, or an admin's draft in a preview) exactly as it is sent. */
export function renderMail(t: MailTemplate, vars: TemplateVars): ComposedMail {
  return {
    subject: oneLine(renderTemplate(t.subject, vars, 'text')).slice(0, 900),
    text: renderTemplate(t.text, vars, 'text'),
    html: `<!doctype html><html><body>${renderTemplate(t.html, vars, 'html')}</body></html>`,
  };
}
