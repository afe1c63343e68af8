/** The notification templates of every language we ship, and which one a recipient gets. */
import { en } from './en.ts';
import { es } from './es.ts';
import { ptBR } from './pt-BR.ts';
import type { TemplateSet } from './template-set.ts';

export type TemplateLanguage = 'en' | 'es' | 'pt-BR';

const SETS: Readonly<Record<TemplateLanguage, TemplateSet>> = { en, es, 'pt-BR': ptBR };

/** The language of a recipient: theirs when set, else the tenant's; English when we have neither. */
export function templateLanguage(...preferences: Array<string | null | undefined>): TemplateLanguage {
  for (const p of preferences) {
    const tag = p?.trim().toLowerCase();
    if (!tag) continue;
    if (tag.startsWith('pt')) return 'pt-BR';
    if (tag.startsWith('es')) return 'es';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export function templatesFor(language: TemplateLanguage): TemplateSet {
  return SETS[language];
}
