import { oneLine, renderTemplate, type TemplateVars } from './render-template.ts';
import { templatesFor, type TemplateLanguage } from './templates/index.ts';
import type { TemplateKey } from './templates/template-set.ts';

export interface ComposedMail { subject: string; text: string; html: string }

/** Renders one notification in one language: the subject on one line, a text part and an escaped HTML part. */
export function composeMail(key: TemplateKey, language: TemplateLanguage, vars: TemplateVars): ComposedMail {
  const t = templatesFor(language)[key];
  return {
    subject: oneLine(renderTemplate(t.subject, vars, 'text')).slice(0, 900),
    text: renderTemplate(t.text, vars, 'text'),
    html: `<!doctype html><html><body>${renderTemplate(t.html, vars, 'html')}</body></html>`,
  };
}
