/**
 * Translations: English text is the key. Each language is a folder of JSON files, one per
 * area of the app (locales/<language>/<area>.json), merged into one table per language, so
 * that the areas grow without touching each other's files. The language is the person's
 * preference, else the browser's, else the tenant's default (pickLanguage).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['en', 'es', 'pt-BR'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The first supported language among the candidates, most preferred first; English when none is. */
export function pickLanguage(candidates: ReadonlyArray<string | null | undefined>): Language {
  for (const candidate of candidates) {
    const code = candidate?.toLowerCase();
    if (!code) continue;
    if (code.startsWith('pt')) return 'pt-BR';
    if (code.startsWith('es')) return 'es';
    if (code.startsWith('en')) return 'en';
  }
  return 'en';
}

const files = import.meta.glob<Record<string, string>>('./locales/*/*.json', { eager: true, import: 'default' });

/** Every area's table of one language, merged. */
function table(language: Language): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [path, entries] of Object.entries(files)) if (path.split('/')[2] === language) Object.assign(merged, entries);
  return merged;
}

/** A text with no entry in the language shown: the browser tests fail on any console error, so a missing key fails them. */
function reportMissing(languages: readonly string[], _ns: string, key: string) {
  console.error(`Missing translation [${languages.join(',')}]: ${key}`);
}

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: table(l) }])),
  saveMissing: true,
  missingKeyHandler: reportMissing,
  lng: pickLanguage(navigator.languages),
  fallbackLng: 'en',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
