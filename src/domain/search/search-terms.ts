import { foldAccents } from '../shared/text.ts';

/**
 * Splits what a person typed into search terms: accents folded, lower-cased, only
 * letters and digits, so "Facturación 2026!" searches for "facturacion" and "2026".
 * At most ten terms; the query language of the engine is never exposed.
 */
export function searchTerms(query: string): string[] {
  const tokens = foldAccents(query).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(tokens)].slice(0, 10);
}

/** Text as it is indexed on PostgreSQL (SQLite's tokenizer folds accents itself). */
export const searchableText = (text: string): string => foldAccents(text).toLowerCase();
