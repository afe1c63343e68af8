import { templatesFor } from '../notifications/templates/index.ts';
import type { MailTemplate } from '../notifications/templates/template-set.ts';
import { TEMPLATE_VARIABLES } from '../notifications/templates/template-variables.ts';
import { templateId, type MailTemplateRef } from './mail-template-ref.ts';
import { rowTemplate } from './tenant-templates.ts';
import type { MailTemplateRow } from './mail-templates.repo.ts';

const present = ({ subject, text, html }: MailTemplate) => ({ subject, text, html });

/**
 * One template as the tenant's mail uses it: its own version when saved (`overridden`),
 * else the built-in one; with the variables it may use. `withBuiltin` adds the built-in
 * version, for an editor to compare with or start from.
 */
export function presentMailTemplate(ref: MailTemplateRef, own: MailTemplateRow | undefined, withBuiltin = false) {
  const builtin = templatesFor(ref.language)[ref.key];
  return {
    id: templateId(ref),
    key: ref.key,
    language: ref.language,
    overridden: !!own,
    ...present(own ? rowTemplate(own) : builtin),
    updated_at: own?.updated_at ?? null,
    updated_by: own?.updated_by ?? null,
    variables: TEMPLATE_VARIABLES[ref.key].map((v) => ({ name: v.name, description: v.description, kind: v.kind ?? ('text' as const) })),
    ...(withBuiltin && { builtin: present(builtin) }),
  };
}
