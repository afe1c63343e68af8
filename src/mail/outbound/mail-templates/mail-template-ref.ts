/**
 * How the API names one template: `<key>.<language>`, e.g. `confirmation.es` or
 * `agent_reply.pt-BR`. One path segment, so every template route takes a single `{id}`.
 */
import type { TemplateLanguage } from '../notifications/templates/index.ts';
import type { TemplateKey } from '../notifications/templates/template-set.ts';
import { isTemplateKey, TEMPLATE_KEYS } from '../notifications/templates/template-variables.ts';

const LANGUAGE_SET: Readonly<Record<TemplateLanguage, true>> = { en: true, es: true, 'pt-BR': true };

/** Every language we ship templates in. */
export const TEMPLATE_LANGUAGES = Object.keys(LANGUAGE_SET) as TemplateLanguage[];

export interface MailTemplateRef { key: TemplateKey; language: TemplateLanguage }

export const templateId = (r: MailTemplateRef): string => `${r.key}.${r.language}`;

/** The template an id names, or null when it names none. */
export function parseTemplateId(id: string): MailTemplateRef | null {
  const dot = id.indexOf('.');
  const key = id.slice(0, dot);
  const language = id.slice(dot + 1);
  if (dot < 0 || !isTemplateKey(key) || !Object.hasOwn(LANGUAGE_SET, language)) return null;
  return { key, language: language as TemplateLanguage };
}

/** Every (key, language), keys first: the list the API shows. */
export const allTemplateRefs = (): MailTemplateRef[] =>
  TEMPLATE_KEYS.flatMap((key) => TEMPLATE_LANGUAGES.map((language) => ({ key, language })));
