/** The tenant's own templates (table mail_templates): every query through the tenant. */
import type { Selectable } from 'kysely';
import type { Db } from '../../../db/client.ts';
import type { MailTemplatesTable } from '../../../db/schema.ts';
import type { MailTemplate } from '../notifications/templates/template-set.ts';
import type { MailTemplateRef } from './mail-template-ref.ts';

export type MailTemplateRow = Selectable<MailTemplatesTable>;

/** Every template the tenant changed (a few dozen rows at most). */
export async function listMailTemplateOverrides(db: Db, tenantId: string): Promise<MailTemplateRow[]> {
  return db.selectFrom('mail_templates').selectAll().where('tenant_id', '=', tenantId).execute();
}

export async function findMailTemplateOverride(db: Db, tenantId: string, ref: MailTemplateRef): Promise<MailTemplateRow | undefined> {
  return db.selectFrom('mail_templates').selectAll()
    .where('tenant_id', '=', tenantId).where('template_key', '=', ref.key).where('language', '=', ref.language)
    .executeTakeFirst();
}

/** Creates or replaces the tenant's version of one template. */
export async function upsertMailTemplateOverride(db: Db, tenantId: string, ref: MailTemplateRef, t: MailTemplate, by: string | null, now: string): Promise<void> {
  const body = { subject: t.subject, body_text: t.text, body_html: t.html, updated_by: by, updated_at: now };
  await db.insertInto('mail_templates')
    .values({ tenant_id: tenantId, template_key: ref.key, language: ref.language, ...body, created_at: now })
    .onConflict((oc) => oc.columns(['tenant_id', 'template_key', 'language']).doUpdateSet(body))
    .execute();
}

/** Removes the tenant's version; answers whether there was one. */
export async function deleteMailTemplateOverride(db: Db, tenantId: string, ref: MailTemplateRef): Promise<boolean> {
  const r = await db.deleteFrom('mail_templates')
    .where('tenant_id', '=', tenantId).where('template_key', '=', ref.key).where('language', '=', ref.language)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
