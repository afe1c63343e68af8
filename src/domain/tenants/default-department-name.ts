/** The first department of a new tenant, named in the tenant's language. */
const NAMES: Record<string, string> = {
  es: 'Soporte Técnico',
  pt: 'Suporte Técnico',
  'pt-br': 'Suporte Técnico',
  fr: 'Support technique',
  de: 'Technischer Support',
  it: 'Supporto tecnico',
  en: 'Technical Support',
};

export function defaultDepartmentName(language: string): string {
  const lang = language.toLowerCase();
  return NAMES[lang] ?? NAMES[lang.split('-')[0]] ?? NAMES.en;
}
