/**
 * Translations: English text is the key, one JSON file per language. The language is the
 * person's preference, else the browser's, else the tenant's default (pickLanguage).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import es from './locales/es.json';
import ptBR from './locales/pt-BR.json';

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

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es }, 'pt-BR': { translation: ptBR } },
  lng: pickLanguage(navigator.languages),
  fallbackLng: 'en',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
