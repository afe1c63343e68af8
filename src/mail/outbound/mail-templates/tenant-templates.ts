/**
 * The templates one tenant's mail is written from: its own version of a (key, language)
 * when an admin saved one, else the built-in one. Loaded from the database for each
 * notification job (one small query), never cached across tenants or jobs.
 */
import type { Db } from '../../../db/client.ts';
import { templatesFor, type TemplateLanguage } from '../notifications/templates/index.ts';
import type { MailTemplate, TemplateKey } from '../notifications/templates/template-set.ts';
import { templateId } from './mail-template-ref.ts';
import { listMailTemplateOverrides, type MailTemplateRow } from './mail-templates.repo.ts';

/** A tenant's own templates by `<key>.<language>`. */
export type TenantTemplates = ReadonlyMap<string, MailTemplate>;

export const NO_TENANT_TEMPLATES: TenantTemplates = new Map();

export const rowTemplate = (r: MailTemplateRow): MailTemplate => ({ subject: r.subject, text: r.body_text, html: r.body_html });

export async function loadTenantTemplates(db: Db, tenantId: string): Promise<TenantTemplates> {
  const rows = await listMailTemplateOverrides(db, tenantId);
  return new Map(rows.map((r) => [`${r.template_key}.${r.language}`, rowTemplate(r)]));
}

/** The template a mail of this key in this language is written from. */
export function effectiveTemplate(own: TenantTemplates, key: TemplateKey, language: TemplateLanguage): MailTemplate {
  return own.get(templateId({ key, language })) ?? templatesFor(language)[key];
}
