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

/** Each language in its own words, for the choosers (a person finds their language whatever the page speaks). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', es: 'Español', 'pt-BR': 'Português (Brasil)' };

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

// English is in the first load (it is also every other language's fallback); the others come when first shown.
const english = import.meta.glob<Record<string, string>>('./locales/en/*.json', { eager: true, import: 'default' });
const others = import.meta.glob<Record<string, string>>(['./locales/es/*.json', './locales/pt-BR/*.json'], { import: 'default' });

/** Every area's table of one language, merged into one. */
const merged = (tables: Array<Record<string, string>>): Record<string, string> => Object.assign({}, ...tables);

/** Loads a language's tables once, then shows it. English texts stand in while they load. */
export async function showLanguage(language: Language): Promise<void> {
  if (!i18n.hasResourceBundle(language, 'translation')) {
    const loads = Object.entries(others).filter(([path]) => path.split('/')[2] === language).map(([, load]) => load());
    i18n.addResourceBundle(language, 'translation', merged(await Promise.all(loads)));
  }
  if (i18n.language !== language) await i18n.changeLanguage(language);
}

/** A text with no entry in the language shown: the browser tests fail on any console error, so a missing key fails them. */
function reportMissing(languages: readonly string[], _ns: string, key: string) {
  console.error(`Missing translation [${languages.join(',')}]: ${key}`);
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: merged(Object.values(english)) } },
  saveMissing: true,
  missingKeyHandler: reportMissing,
  lng: 'en',
  fallbackLng: 'en',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The browser's language, loaded before the first page is drawn (main.tsx); the person's own replaces it once known. */
export const firstLanguage: Promise<void> = showLanguage(pickLanguage(navigator.languages)).catch(() => undefined);

export default i18n;
