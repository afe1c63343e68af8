/**
 * Every text the app shows has an entry in every language: each literal t('…') call and
 * each label table (labels.ts and the other English tables) is a key of the English
 * tables, and es and pt-BR have exactly English's keys, none left empty. Each language is
 * a folder of per-area files (locales/<language>/<area>.json), each area in all three.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
const localesDir = fileURLToPath(new URL('./locales/', import.meta.url));
const LANGUAGES = ['en', 'es', 'pt-BR'] as const;
const areasOf = (language: string) => readdirSync(join(localesDir, language)).filter((f) => f.endsWith('.json')).sort();
/** One language's areas merged; a key in two areas must say the same thing in both. */
function tableOf(language: string): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const area of areasOf(language)) {
    const entries = JSON.parse(readFileSync(join(localesDir, language, area), 'utf8')) as Record<string, string>;
    for (const [key, text] of Object.entries(entries)) {
      if (key in merged && merged[key] !== text) throw new Error(`${language}/${area}: "${key}" differs from another area's`);
      merged[key] = text;
    }
  }
  return merged;
}
const en = tableOf('en');
const es = tableOf('es');
const ptBR = tableOf('pt-BR');

const src = fileURLToPath(new URL('..', import.meta.url));
const sources = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  if (statSync(path).isDirectory()) return sources(path);
  return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
});

/** Keys in t('…') calls, and the English texts of tables and messages: every single-quoted sentence-like string. */
function usedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of sources(src)) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?<![\w.])t\('((?:[^'\\]|\\.)+)'/g)) keys.add(m[1]);
    // Texts passed around before translation (label tables, validation and error messages): capitalised strings
    // that are values, arguments or answers; all-capital ones (GET, POST) are not texts.
    // Identifiers written as strings (a lazy page's export name, 'UsersPage') are not texts either.
    for (const m of code.matchAll(/(?<=(?:[:,(?]|return)\s*)'([A-Z][^'\\]*)'/g)) if (!/^[A-Z_-]+$/.test(m[1]) && !/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$/.test(m[1])) keys.add(m[1]);
  }
  return keys;
}

describe('translations', () => {
  const english = new Set(Object.keys(en));

  it('has the same area files in every language', () => {
    for (const language of LANGUAGES) expect(areasOf(language), language).toEqual(areasOf('en'));
  });

  it('has every text the code shows in en.json', () => {
    const missing = [...usedKeys()].filter((k) => !english.has(k));
    expect(missing).toEqual([]);
  });

  it.each([['es', es], ['pt-BR', ptBR]] as const)('%s has exactly the English keys, each translated', (_lang, table) => {
    expect(Object.keys(table).sort()).toEqual([...english].sort());
    for (const [key, text] of Object.entries(table)) expect(text.trim(), key).not.toBe('');
  });

  it('keeps the {{placeholders}} of each text in every language', () => {
    const holes = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
    for (const table of [es, ptBR] as Array<Record<string, string>>) {
      for (const [key, text] of Object.entries(table)) expect(holes(text), key).toEqual(holes(key));
    }
  });
});
